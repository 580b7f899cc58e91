package org.diffuse4j.runtime;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a plugin scan found: the providers that loaded (each with its origin JAR) and the problems,
 * one per JAR or provider that could not be used.
 */
public record PluginScan(List<DiscoveredProvider> providers, List<PluginProblem> problems) {
    /** Nothing found, nothing wrong. */
    public static final PluginScan EMPTY = new PluginScan(List.of(), List.of());

    public PluginScan {
        providers = List.copyOf(providers);
        problems = List.copyOf(problems);
    }

    /** This scan followed by {@code other}. */
    public PluginScan plus(PluginScan other) {
        return new PluginScan(Stream.concat(providers.stream(), other.providers.stream()).toList(),
                Stream.concat(problems.stream(), other.problems.stream()).toList());
    }
}
