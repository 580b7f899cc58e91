package org.diffuse4j.runtime;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;

/**
 * The installed solvers, by id or alias. Lookups ignore case and read {@code '_'} as {@code '-'}, so
 * "dpmpp_2m", "DPMPP-2M" and an alias such as "DPMSolverMultistepScheduler" all find {@code dpmpp-2m};
 * an unknown name fails with an {@link UnknownSolverException} suggesting the closest id. Immutable
 * and thread-safe.
 */
@Singleton
public final class SolverRegistry {
    private final SolverIndex index;

    /**
     * Builds the registry from the maps {@link SolverPluginModule} binds. A provider bound under its id
     * by another module without an origin entry is recorded as {@link PluginOrigin#CLASSPATH}.
     *
     * @throws ConfigurationException if a key differs from its provider's {@code name()}, an id is
     *         invalid, or an alias clashes ({@link DuplicateSolverException})
     */
    @Inject
    public SolverRegistry(Map<String, SolverProvider> byName, Map<String, PluginOrigin> origins) {
        this.index = new SolverIndex(byName.entrySet().stream().map(e -> {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new ConfigurationException("solver id", "bound under '" + e.getKey() + "' but "
                        + e.getValue().getClass().getName() + ".name() is '" + e.getValue().name() + "'");
            }
            return new DiscoveredProvider(e.getValue(), origins.getOrDefault(e.getKey(), PluginOrigin.CLASSPATH));
        }).toList());
    }

    /** The provider with this id or alias. @throws UnknownSolverException if there is none */
    public SolverProvider provider(String nameOrAlias) { return index.resolve(nameOrAlias).provider(); }

    /** The id an id or alias resolves to ("DPMPP_2M" → "dpmpp-2m"). @throws UnknownSolverException if there is none */
    public String id(String nameOrAlias) { return index.resolve(nameOrAlias).provider().name(); }

    /**
     * Creates a solver. Configuration errors from the provider pass through unchanged; any other
     * exception is wrapped in an {@link IllegalStateException} naming the id, class and origin.
     *
     * @throws UnknownSolverException if no provider has this id or alias
     * @throws ConfigurationException if the provider rejects {@code config}
     */
    public Solver<?> create(String nameOrAlias, SolverConfig config) {
        DiscoveredProvider d = index.resolve(nameOrAlias);
        try {
            return d.provider().create(config);
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("solver '" + d.provider().name() + "' of " + d.describe()
                    + " failed to create a solver: " + e, e);
        }
    }

    /** Every installed id, sorted. */
    public List<String> names() { return index.ids(); }

    /** Every installed provider, in id order. */
    public List<SolverProvider> providers() { return index.providers().stream().map(DiscoveredProvider::provider).toList(); }

    /** Where the provider with this id (or alias) came from. @throws UnknownSolverException if there is none */
    public PluginOrigin origin(String nameOrAlias) { return index.resolve(nameOrAlias).origin(); }
}
