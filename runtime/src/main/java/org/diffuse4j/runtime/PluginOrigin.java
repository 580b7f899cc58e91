package org.diffuse4j.runtime;

import java.nio.file.Path;
import org.diffuse4j.api.ConfigurationException;

/** Where a solver provider was found: the application class path or one plugin JAR. */
public sealed interface PluginOrigin {
    /** The application class path (built-ins and whatever the application bundles). */
    PluginOrigin CLASSPATH = new Classpath();

    /** A plugin JAR at {@code path}. */
    static PluginOrigin jar(Path path) { return new Jar(path); }

    /** The application class path. */
    record Classpath() implements PluginOrigin {
        @Override public String toString() { return "classpath"; }
    }

    /** A plugin JAR, by its absolute, normalised path. */
    record Jar(Path path) implements PluginOrigin {
        public Jar {
            if (path == null) throw new ConfigurationException("plugin path", "is required");
            path = path.toAbsolutePath().normalize();
        }

        @Override public String toString() { return "plugin JAR " + path; }
    }
}
