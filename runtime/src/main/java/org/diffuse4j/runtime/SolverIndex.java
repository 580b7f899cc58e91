package org.diffuse4j.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.diffuse4j.api.ConfigurationException;

/**
 * Validated lookup tables over a set of providers: ids checked against {@code [a-z][a-z0-9-]*} and
 * for uniqueness, aliases normalised and checked against every other id and alias. The module builds
 * one eagerly (so start-up fails with a typed exception before Guice runs) and the registry builds
 * one from what Guice injects (which may include bindings from other modules).
 */
final class SolverIndex {
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    private final SortedMap<String, DiscoveredProvider> byId = new TreeMap<>();
    /** Normalised id or alias → id. */
    private final Map<String, String> idByKey = new HashMap<>();

    SolverIndex(Collection<DiscoveredProvider> providers) {
        for (DiscoveredProvider d : providers) {
            String id = d.provider().name();
            if (id == null || !ID.matcher(id).matches()) {
                throw new ConfigurationException("solver id", "'" + id + "' of " + d.describe() + " must match [a-z][a-z0-9-]*");
            }
            DiscoveredProvider previous = byId.putIfAbsent(id, d);
            if (previous != null) throw DuplicateSolverException.ofId(id, previous, d);
            idByKey.put(id, id);
        }
        Map<String, String> spelling = new HashMap<>(); // normalised alias → the alias as first declared
        for (DiscoveredProvider d : byId.values()) {
            String id = d.provider().name();
            Set<String> aliases = d.provider().aliases();
            for (String alias : aliases == null ? Set.<String>of() : aliases) {
                if (alias == null || alias.isBlank()) {
                    throw new ConfigurationException("solver alias", "blank alias declared by " + d.describe());
                }
                String key = normalise(alias);
                String owner = idByKey.putIfAbsent(key, id);
                if (owner != null && !owner.equals(id)) {
                    boolean otherIsId = !spelling.containsKey(key);
                    throw DuplicateSolverException.ofAlias(alias, d, otherIsId ? owner : spelling.get(key), otherIsId, byId.get(owner));
                }
                if (!key.equals(id)) spelling.putIfAbsent(key, alias);
            }
        }
    }

    /** Lower case, surrounding blanks dropped, {@code '_'} read as {@code '-'}: "DPMPP_2M" → "dpmpp-2m". */
    static String normalise(String nameOrAlias) {
        return nameOrAlias.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The provider for an id or alias (any case, '_' or '-'), or an {@link UnknownSolverException}. */
    DiscoveredProvider resolve(String nameOrAlias) {
        if (nameOrAlias == null || nameOrAlias.isBlank()) {
            throw new ConfigurationException("solver", "is required; available: " + String.join(", ", ids()));
        }
        String id = idByKey.get(normalise(nameOrAlias));
        if (id == null) throw new UnknownSolverException(nameOrAlias, closest(normalise(nameOrAlias)), ids());
        return byId.get(id);
    }

    /** Sorted ids. */
    List<String> ids() { return List.copyOf(byId.keySet()); }

    /** Providers in id order. */
    Collection<DiscoveredProvider> providers() { return byId.values(); }

    /**
     * The id whose id or alias is nearest to {@code key} by Levenshtein distance, if that distance is
     * at most max(2, |key| / 3), a plausible typo; ties go to the alphabetically first id.
     */
    private Optional<String> closest(String key) {
        String best = null;
        int bestDistance = Math.max(2, key.length() / 3) + 1;
        for (String candidate : new TreeMap<>(idByKey).keySet()) {
            int d = levenshtein(key, candidate);
            String id = idByKey.get(candidate);
            if (d < bestDistance || (d == bestDistance && best != null && id.compareTo(best) < 0)) {
                bestDistance = d;
                best = id;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance (insertions, deletions, substitutions), two-row dynamic programme. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1], current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
