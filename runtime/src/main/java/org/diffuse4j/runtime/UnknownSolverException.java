package org.diffuse4j.runtime;

import java.util.List;
import java.util.Optional;
import org.diffuse4j.api.ConfigurationException;

/**
 * No provider has the requested id or alias. The message lists the available ids and, when one is
 * close (Levenshtein distance over ids and aliases), suggests it:
 * {@code solver: 'dpmpp2m' is unknown; did you mean 'dpmpp-2m'? available: ddim, dpmpp-2m, euler}.
 */
public final class UnknownSolverException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String requested;
    private final String suggestion;
    private final List<String> available;

    UnknownSolverException(String requested, Optional<String> suggestion, List<String> available) {
        super("solver", "'" + requested + "' is unknown; "
                + suggestion.map(s -> "did you mean '" + s + "'? ").orElse("")
                + "available: " + (available.isEmpty() ? "(none installed)" : String.join(", ", available)));
        this.requested = requested;
        this.suggestion = suggestion.orElse(null);
        this.available = List.copyOf(available);
    }

    /** The name as the user gave it. */
    public String requested() { return requested; }

    /** The id of the closest provider, if one is close enough to be a plausible typo. */
    public Optional<String> suggestion() { return Optional.ofNullable(suggestion); }

    /** Every installed id, sorted. */
    public List<String> available() { return available; }
}
