package org.diffuse4j.runtime;

import java.nio.file.Path;
import org.diffuse4j.api.ConfigurationException;

/**
 * A plugin JAR, or one provider in it, that could not be used; the rest of the scan went on.
 *
 * @param jar           the JAR (absolute, normalised)
 * @param providerClass the provider class named in the JAR's services file, or {@code null} when the
 *                      problem concerns the whole JAR (unreadable, bad services file)
 * @param message       what went wrong, including the cause's class and message
 */
public record PluginProblem(Path jar, String providerClass, String message) {
    public PluginProblem {
        if (jar == null) throw new ConfigurationException("jar", "is required");
        if (message == null) throw new ConfigurationException("message", "is required");
        jar = jar.toAbsolutePath().normalize();
    }

    @Override public String toString() {
        return jar + (providerClass == null ? "" : " [" + providerClass + "]") + ": " + message;
    }
}
