package org.diffuse4j.cli;

import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.runtime.SolverRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists every discovered solver with its traits, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every discovered solver with its traits.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Override public Integer call() {
        SolverRegistry registry = main.runtime().registry();
        System.out.printf("%-16s %-4s %-5s %-10s %-12s %s%n", "id", "kind", "order", "calls/step", "origin", "aliases; options");
        for (String id : registry.names()) {
            SolverProvider p = registry.provider(id);
            SolverTraits t = p.traits();
            String options = t.options().stream().map(Option::toString).collect(Collectors.joining(", "));
            System.out.printf("%-16s %-4s %-5d %-10d %-12s %s%s%n", id, t.stochastic() ? "sde" : "ode", t.order(),
                    t.modelCallsPerStep(), registry.origin(id), String.join(", ", new TreeSet<>(p.aliases())),
                    options.isEmpty() ? "" : "; " + options);
        }
        return 0;
    }
}
