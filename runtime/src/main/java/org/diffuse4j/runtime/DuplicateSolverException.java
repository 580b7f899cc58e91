package org.diffuse4j.runtime;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;

/**
 * Two providers claim the same id, or an alias of one clashes with the id or an alias of another.
 * Thrown at start-up, before Guice sees the bindings, naming the key and both provider classes with
 * their origins.
 *
 * <p>It extends {@link ConfigurationException} rather than {@link IllegalStateException}: the fix is
 * in the application's configuration (which JARs are on the class path or in the plugin
 * directories), and callers that already report configuration errors by {@link #field()} need no
 * extra case.
 */
public final class DuplicateSolverException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final List<String> providerClasses;

    private DuplicateSolverException(String field, String key, String message, DiscoveredProvider first, DiscoveredProvider second) {
        super(field, message);
        this.key = key;
        this.providerClasses = List.of(first.provider().getClass().getName(), second.provider().getClass().getName());
    }

    static DuplicateSolverException ofId(String id, DiscoveredProvider first, DiscoveredProvider second) {
        return new DuplicateSolverException("solver id", id, "'" + id + "' is declared by both " + first.describe()
                + " and " + second.describe() + "; ids must be unique, remove one of the two", first, second);
    }

    /** {@code alias} of {@code owner} clashes with {@code otherKey} (the other provider's id or one of its aliases). */
    static DuplicateSolverException ofAlias(String alias, DiscoveredProvider owner, String otherKey, boolean otherIsId,
                                            DiscoveredProvider other) {
        return new DuplicateSolverException("solver alias", alias, "alias '" + alias + "' of '" + owner.provider().name() + "' ("
                + owner.describe() + ") clashes with " + (otherIsId ? "the id" : "alias") + " '" + otherKey + "' of '"
                + other.provider().name() + "' (" + other.describe() + "); ids and aliases are compared ignoring case and "
                + "'_' vs '-', and must be unique", owner, other);
    }

    /** The id or alias claimed twice, as the provider spelled it. */
    public String key() { return key; }

    /** The fully qualified names of the two clashing provider classes. */
    public List<String> providerClasses() { return providerClasses; }
}
