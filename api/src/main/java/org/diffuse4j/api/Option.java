package org.diffuse4j.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A typed, documented solver option (e.g. {@code solver_type}, {@code lower_order_final}). Providers
 * declare their options in {@link SolverTraits}; values arrive as text (CLI, config files) and are
 * parsed and validated here, so every bad value fails with the option's name and what is allowed.
 *
 * @param <T> the value type
 */
public final class Option<T> {
    private final String name;
    private final String description;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String allowed;

    private Option(String name, String description, T defaultValue, Function<String, T> parser, String allowed) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigurationException("option name", "'" + name + "' must match [a-z][a-z0-9_]*");
        }
        this.name = name;
        this.description = description;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.allowed = allowed;
    }

    /** A true/false option. */
    public static Option<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Option<>(name, description, defaultValue, v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigurationException.notAllowed(name, v, List.of("true", "false"));
        }, "true, false");
    }

    /** An integer option in [min, max]. */
    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Option<>(name, description, defaultValue, v -> {
            int x;
            try {
                x = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name, "'" + v + "' is not an integer; allowed: " + min + " … " + max);
            }
            if (x < min || x > max) throw new ConfigurationException(name, x + " is outside " + min + " … " + max);
            return x;
        }, min + " … " + max);
    }

    /** A real option in [min, max]. */
    public static Option<Double> real(String name, double defaultValue, double min, double max, String description) {
        return new Option<>(name, description, defaultValue, v -> {
            double x;
            try {
                x = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name, "'" + v + "' is not a number; allowed: " + min + " … " + max);
            }
            if (!(x >= min && x <= max)) throw new ConfigurationException(name, x + " is outside " + min + " … " + max);
            return x;
        }, min + " … " + max);
    }

    /** A choice among an enum's constants, written in lower case ({@code MIDPOINT} ↔ "midpoint"). */
    public static <E extends Enum<E>> Option<E> choice(String name, Class<E> type, E defaultValue, String description) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Option::id).toList();
        return new Option<>(name, description, defaultValue, v -> {
            for (E e : type.getEnumConstants()) {
                if (id(e).equals(v.trim().toLowerCase(Locale.ROOT))) return e;
            }
            throw ConfigurationException.notAllowed(name, v, names);
        }, String.join(", ", names));
    }

    /** The text form of a value: enums in lower case, everything else by {@code toString}. */
    public static String id(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }

    /** Parses and validates a text value. */
    public T parse(String text) { return parser.apply(text); }

    public String name() { return name; }

    public String description() { return description; }

    public T defaultValue() { return defaultValue; }

    /** The allowed values, for help and error messages. */
    public String allowed() { return allowed; }

    @Override public String toString() { return name + "=" + id(defaultValue) + " (" + allowed + ")"; }
}
