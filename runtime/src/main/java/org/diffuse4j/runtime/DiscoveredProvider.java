package org.diffuse4j.runtime;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.SolverProvider;

/** A provider together with where it was found. */
public record DiscoveredProvider(SolverProvider provider, PluginOrigin origin) {
    public DiscoveredProvider {
        if (provider == null) throw new ConfigurationException("provider", "is required");
        if (origin == null) throw new ConfigurationException("origin", "is required (for " + provider.getClass().getName() + ")");
    }

    /** A provider found on the application class path. */
    public static DiscoveredProvider onClasspath(SolverProvider provider) {
        return new DiscoveredProvider(provider, PluginOrigin.CLASSPATH);
    }

    /** "com.acme.FooProvider (plugin JAR /opt/plugins/acme.jar)", for messages. */
    public String describe() { return provider.getClass().getName() + " (" + origin + ")"; }
}
