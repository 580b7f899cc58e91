package org.diffuse4j.cli.replay.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * A case's {@code config_full} read key by key: every key is either used, declared irrelevant, or refused by
 * name when {@link #finish()} runs, and a value replay cannot reproduce is refused naming key and value.
 */
final class SuiteConfig {
    private final String where;
    private final JsonNode node;
    private final Set<String> used = new LinkedHashSet<>();

    SuiteConfig(String where, JsonNode node) {
        this.where = where;
        this.node = node;
    }

    private JsonNode get(String key) {
        used.add(key);
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A raw value (arrays such as trained_betas), or null. */
    JsonNode json(String key) { return get(key); }

    String string(String key, String defaultValue) {
        JsonNode v = get(key);
        return v == null ? defaultValue : v.asText();
    }

    String choice(String key, String defaultValue, String... allowed) {
        String v = string(key, defaultValue);
        if (!Arrays.asList(allowed).contains(v)) {
            throw new ReplayException(where + ": " + key + " = '" + v + "' is not supported; supported: " + String.join(", ", allowed));
        }
        return v;
    }

    boolean bool(String key, boolean defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (!v.isBoolean()) throw new ReplayException(where + ": " + key + " must be true or false, got " + v);
        return v.asBoolean();
    }

    /** A boolean key replay reproduces only at one value. */
    void require(String key, boolean supported, String why) {
        boolean v = bool(key, supported);
        if (v != supported) throw new ReplayException(where + ": " + key + " = " + v + " is not supported (" + why + ")");
    }

    int integer(String key, int defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (!v.canConvertToInt()) throw new ReplayException(where + ": " + key + " must be an integer, got " + v);
        return v.asInt();
    }

    double real(String key, double defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "inf" -> Double.POSITIVE_INFINITY;
                default -> throw new ReplayException(where + ": " + key + " must be a number, got " + v);
            };
        }
        if (!v.isNumber()) throw new ReplayException(where + ": " + key + " must be a number, got " + v);
        return v.asDouble();
    }

    /** A nullable real: null when absent or null. */
    Double optionalReal(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        return real(key, Double.NaN);
    }

    /** A key whose only supported value is null/absent. */
    void requireNull(String key, String why) {
        JsonNode v = get(key);
        if (v != null) throw new ReplayException(where + ": " + key + " = " + v + " is not supported (" + why + ")");
    }

    /** A key whose value must be one number (e.g. a flow shift of 1 is no shift). */
    void requireReal(String key, double supported, String why) {
        double v = real(key, supported);
        if (v != supported) throw new ReplayException(where + ": " + key + " = " + v + " is not supported (" + why + ")");
    }

    /** Marks keys as known and irrelevant to replay (e.g. beta ranges when trained betas are given). */
    void ignore(String... keys) { used.addAll(List.of(keys)); }

    /** Fails naming every key that was not read. */
    void finish() {
        if (node == null) return;
        Set<String> unknown = new LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!used.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            throw new ReplayException(where + ": unknown or unsupported configuration keys " + unknown);
        }
    }
}
