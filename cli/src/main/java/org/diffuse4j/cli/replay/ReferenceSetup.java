package org.diffuse4j.cli.replay;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.predict.Prediction;

/**
 * A reference library's sampler configuration translated into diffuse4j terms: which solver with which
 * options, which grid for a given schedule and step count, the model's native target, and whether the
 * reference reports its final state in VP (x) or VE (x/α) variables.
 */
public record ReferenceSetup(String solverId, SolverOptions options, Prediction modelTarget, GridFactory grid,
                             StateSpace stateSpace, String description) {

    /** Builds the reference's grid on a schedule. */
    @FunctionalInterface
    public interface GridFactory {
        Grid build(Schedule schedule, int steps);
    }

    /** The variables the reference's sampler state lives in. */
    public enum StateSpace {
        /** x = α x₀ + σ ε (DDIM, DPM-Solver, UniPC, DEIS, PNDM). */
        VP,
        /** y = x/α (diffusers Euler/Heun/LMS, k-diffusion). */
        VE
    }
}
