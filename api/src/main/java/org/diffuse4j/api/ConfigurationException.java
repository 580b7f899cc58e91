package org.diffuse4j.api;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A configuration value is missing, unknown or out of range. The message names the field, the
 * value given and what is allowed, so a user can fix it without reading a stack trace.
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigurationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** "field: 'value' is not allowed; allowed: a, b, c". */
    public static ConfigurationException notAllowed(String field, Object value, Collection<?> allowed) {
        return new ConfigurationException(field, "'" + value + "' is not allowed; allowed: "
                + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /** The configuration field at fault. */
    public String field() { return field; }
}
