package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a reference library's configuration key by key, remembering which keys were used, so that a
 * key replay does not know is refused by name rather than silently ignored.
 */
public final class ConfigReader {
    private final String where;
    private final JsonNode node;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> keysRead = new LinkedHashSet<>();

    public ConfigReader(String where, JsonNode node) {
        this.where = where;
        this.node = node;
    }

    private JsonNode get(String key) {
        used.add(key);
        keysRead.add(key);
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A raw JSON value (arrays such as trained_betas), or null. */
    public JsonNode json(String key) { return get(key); }

    public boolean has(String key) { return node != null && node.has(key) && !node.get(key).isNull(); }

    public String string(String key, String defaultValue) {
        JsonNode v = get(key);
        return v == null ? defaultValue : v.asText();
    }

    public String choice(String key, String defaultValue, String... allowed) {
        String v = string(key, defaultValue);
        if (!Arrays.asList(allowed).contains(v)) {
            throw new ReplayException(where + ": " + key + " = '" + v + "' is not supported; supported: " + String.join(", ", allowed));
        }
        return v;
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (!v.isBoolean()) throw new ReplayException(where + ": " + key + " must be true or false, got " + v);
        return v.asBoolean();
    }

    /** A boolean key that replay supports only at one value. */
    public void require(String key, boolean supported, String why) {
        boolean v = bool(key, supported);
        if (v != supported) throw new ReplayException(where + ": " + key + " = " + v + " is not supported yet (" + why + ")");
    }

    public int integer(String key, int defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (!v.canConvertToInt()) throw new ReplayException(where + ": " + key + " must be an integer, got " + v);
        return v.asInt();
    }

    public double real(String key, double defaultValue) {
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

    /** A key whose only supported value is null/absent. */
    public void requireNull(String key) {
        JsonNode v = get(key);
        if (v != null) throw new ReplayException(where + ": " + key + " = " + v + " is not supported yet");
    }

    /** A key whose only supported value is null/absent, with the reason. */
    public void requireNull(String key, String why) {
        JsonNode v = get(key);
        if (v != null) throw new ReplayException(where + ": " + key + " = " + v + " is not supported (" + why + ")");
    }

    /** A nullable real: null when absent or null. */
    public Double optionalReal(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        return real(key, Double.NaN);
    }

    /** A key whose value must be one number (e.g. a flow shift of 1 is no shift). */
    public void requireReal(String key, double supported, String why) {
        double v = real(key, supported);
        if (v != supported) throw new ReplayException(where + ": " + key + " = " + v + " is not supported (" + why + ")");
    }

    /** Marks keys as known and irrelevant to replay (e.g. beta ranges overridden by trained betas). */
    public void ignore(String... keys) { used.addAll(List.of(keys)); }

    /** The keys present in the configuration that were read (in reading order). */
    public java.util.List<String> presentKeysRead() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String k : keysRead) if (node != null && node.has(k)) out.add(k);
        return out;
    }

    /** Fails naming every key that was not read. */
    public void finish() {
        if (node == null) return;
        Set<String> unknown = new LinkedHashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!used.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            throw new ReplayException(where + ": unknown or unsupported configuration keys " + unknown
                    + "; known: " + String.join(", ", keysRead));
        }
    }
}
