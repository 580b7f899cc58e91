package org.diffuse4j.runtime;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Test fixture: a provider with any id and aliases, creating a {@link TestEuler}; subclass it for a distinct class name. */
class StubProvider implements SolverProvider {
    private final String name;
    private final Set<String> aliases;

    StubProvider(String name, String... aliases) {
        this.name = name;
        this.aliases = Set.of(aliases);
    }

    @Override public String name() { return name; }

    @Override public Set<String> aliases() { return aliases; }

    @Override public SolverTraits traits() { return TestEulerProvider.TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name, TestEulerProvider.TRAITS);
        return new TestEuler(config.grid());
    }

    /** A second class, so clash messages can name two different classes. */
    static class Impostor extends StubProvider {
        Impostor(String name, String... aliases) { super(name, aliases); }
    }
}
