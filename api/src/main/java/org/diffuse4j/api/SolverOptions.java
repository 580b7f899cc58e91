package org.diffuse4j.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The option values a user gave a solver, by name; read them through typed {@link Option}s. */
public final class SolverOptions {
    /** No options: every option takes its default. */
    public static final SolverOptions NONE = new SolverOptions(Map.of());

    private final Map<String, String> values;

    private SolverOptions(Map<String, String> values) { this.values = Map.copyOf(values); }

    /** From name → text pairs. */
    public static SolverOptions of(Map<String, String> values) {
        return new SolverOptions(new LinkedHashMap<>(values));
    }

    /** Parses "name=value" pairs. */
    public static SolverOptions parse(Collection<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new ConfigurationException("option", "'" + p + "' is not of the form name=value");
            String key = p.substring(0, eq).trim();
            if (m.put(key, p.substring(eq + 1).trim()) != null) {
                throw new ConfigurationException(key, "given twice");
            }
        }
        return new SolverOptions(m);
    }

    /** This set plus one value (text form of {@code value}). */
    public <T> SolverOptions with(Option<T> option, T value) {
        return with(option.name(), Option.id(value));
    }

    /** This set plus one value. */
    public SolverOptions with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new SolverOptions(m);
    }

    /** The value of an option, parsed; its default when not given. */
    public <T> T get(Option<T> option) {
        String v = values.get(option.name());
        return v == null ? option.defaultValue() : option.parse(v);
    }

    /** True when the user gave this option. */
    public boolean isSet(Option<?> option) { return values.containsKey(option.name()); }

    /** The names given. */
    public java.util.Set<String> names() { return values.keySet(); }

    /** The raw values. */
    public Map<String, String> asMap() { return values; }

    /**
     * Fails naming every unknown option and listing the accepted ones; parses every known one so a bad
     * value fails before sampling starts.
     */
    public void requireOnly(String solver, Collection<Option<?>> accepted) {
        Map<String, Option<?>> byName = accepted.stream().collect(Collectors.toMap(Option::name, o -> o));
        for (String name : values.keySet()) {
            Option<?> o = byName.get(name);
            if (o == null) {
                throw new ConfigurationException(name, "solver '" + solver + "' has no option '" + name + "'; accepted: "
                        + (byName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()))));
            }
            o.parse(values.get(name));
        }
    }

    @Override public String toString() { return values.toString(); }
}
