package org.diffuse4j.api;

import java.util.TreeSet;
import org.diffuse4j.api.predict.Prediction;

/**
 * Everything a provider needs to create a solver: the grid (with its schedule), the native target
 * of the denoiser it will drive, and the user's options.
 */
public record SolverConfig(Grid grid, Prediction modelTarget, SolverOptions options) {
    public SolverConfig {
        if (grid == null) throw new ConfigurationException("grid", "is required");
        if (modelTarget == null) throw new ConfigurationException("prediction", "is required");
        if (options == null) options = SolverOptions.NONE;
    }

    /** A config with default options for a denoiser predicting {@code modelTarget}. */
    public static SolverConfig of(Grid grid, Prediction modelTarget) {
        return new SolverConfig(grid, modelTarget, SolverOptions.NONE);
    }

    public SolverConfig withOptions(SolverOptions newOptions) { return new SolverConfig(grid, modelTarget, newOptions); }

    /**
     * Checks this config against a solver's declared traits: every option known and valid, the model
     * target accepted, the schedule family supported. Providers call this first in {@code create}.
     */
    public void validateFor(String solver, SolverTraits traits) {
        options.requireOnly(solver, traits.options());
        if (!traits.accepts().contains(modelTarget)) {
            throw ConfigurationException.notAllowed("prediction", modelTarget.id() + " (for solver '" + solver + "')",
                    new TreeSet<>(traits.accepts().stream().map(Prediction::id).toList()));
        }
        ScheduleFamily family = grid.schedule().family();
        if (!traits.schedules().contains(family)) {
            throw ConfigurationException.notAllowed("schedule", family + " (for solver '" + solver + "')",
                    new TreeSet<>(traits.schedules()));
        }
    }
}
