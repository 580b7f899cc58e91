package org.diffuse4j.cli.replay.suite;

import java.util.function.IntUnaryOperator;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * A diffusers scheduler translated into diffuse4j terms for one case: the solver and its options, the grid of
 * every step {@code set_timesteps} produced (levels carrying the timestep the scheduler hands the model), the
 * variables the scheduler's sample lives in, and what its {@code scale_model_input} does.
 *
 * @param solverId        provider id
 * @param options         solver options
 * @param target          the model's native target (the scheduler's prediction_type)
 * @param grid            all steps of the scheduler's schedule
 * @param space           the scheduler's sample: the VP state x, or y = x/α
 * @param scaling         {@code scale_model_input} on the scheduler's sample at a level
 * @param output          how the dummy model's raw output becomes the native target (identity unless the scheduler
 *                        preconditions it itself)
 * @param initNoiseSigma  {@code init_noise_sigma}
 * @param stepOfIndex     the solver step that starts at {@code timesteps[k]} (throws when none does)
 * @param timesteps       {@code scheduler.timesteps} as the scheduler computes them (checked against the case)
 * @param sigmas          {@code scheduler.sigmas} (null when the scheduler has none)
 * @param description     a short human-readable summary
 * @param midStage        what the solver uses from a step's later model calls (matters under {@code state_replaced})
 * @param startOption     null: a loop from {@code timesteps[k]} hands the solver the grid from its step on; else the
 *                        solver option (e.g. {@code start_step}) through which a solver that needs the whole schedule
 *                        is given the whole grid and told the step it starts at
 */
record Plan(String solverId, SolverOptions options, Prediction target, Grid grid, Space space, Scaling scaling,
            DummyModel.Output output, double initNoiseSigma, IntUnaryOperator stepOfIndex, double[] timesteps,
            double[] sigmas, String description, MidStage midStage, String startOption) {

    Plan(String solverId, SolverOptions options, Prediction target, Grid grid, Space space, Scaling scaling,
         DummyModel.Output output, double initNoiseSigma, IntUnaryOperator stepOfIndex, double[] timesteps,
         double[] sigmas, String description, MidStage midStage) {
        this(solverId, options, target, grid, space, scaling, output, initNoiseSigma, stepOfIndex, timesteps, sigmas,
                description, midStage, null);
    }

    /**
     * What a solver takes from the model calls after the first within one step: the derivative (x − x̂₀)/σ of the
     * stage (Heun, KDPM2) or x̂₀ itself (DPM-Solver++ SDE).
     */
    enum MidStage { DERIVATIVE, DATA }

    Plan(String solverId, SolverOptions options, Prediction target, Grid grid, Space space, Scaling scaling,
         DummyModel.Output output, double initNoiseSigma, IntUnaryOperator stepOfIndex, double[] timesteps,
         double[] sigmas, String description) {
        this(solverId, options, target, grid, space, scaling, output, initNoiseSigma, stepOfIndex, timesteps, sigmas,
                description, MidStage.DERIVATIVE);
    }

    /** The variables of the scheduler's sample. */
    enum Space {
        /** The VP state x = α x₀ + σ ε (DDIM, DDPM, DPM-Solver, UniPC, DEIS, PNDM). */
        VP,
        /** y = x/α = x₀ + (σ/α) ε (Euler, Heun, LMS, KDPM2, EDM). */
        VE;

        Tensor toVp(Tensor sample, NoiseLevel level) { return this == VP ? sample : sample.scale(level.alpha()); }

        Tensor fromVp(Tensor x, NoiseLevel level) { return this == VP ? x : x.scale(1 / level.alpha()); }
    }

    /** {@code scale_model_input(sample, t)} at the level of t. */
    @FunctionalInterface
    interface Scaling {
        Tensor apply(Tensor sample, NoiseLevel level);

        /** The identity (VP schedulers). */
        Scaling NONE = (y, level) -> y;

        /** y / √(σ² + 1) (the σ-schedulers). */
        Scaling VE = (y, level) -> y.scale(1 / Math.sqrt(level.sigmaVe() * level.sigmaVe() + 1));
    }

    /** A plan whose timesteps map one-to-one to solver steps. */
    static Plan simple(String solverId, SolverOptions options, Prediction target, Grid grid, Space space,
                       double initNoiseSigma, double[] timesteps, double[] sigmas, String description) {
        return new Plan(solverId, options, target, grid, space, space == Space.VP ? Scaling.NONE : Scaling.VE,
                DummyModel.Output.RAW, initNoiseSigma, k -> k, timesteps, sigmas, description, MidStage.DERIVATIVE, null);
    }

    Plan withStepOfIndex(IntUnaryOperator newStepOfIndex) {
        return new Plan(solverId, options, target, grid, space, scaling, output, initNoiseSigma, newStepOfIndex, timesteps,
                sigmas, description, midStage, startOption);
    }

    Plan withMidStage(MidStage newMidStage) {
        return new Plan(solverId, options, target, grid, space, scaling, output, initNoiseSigma, stepOfIndex, timesteps,
                sigmas, description, newMidStage, startOption);
    }

    /** This plan with the solver given the whole grid and its start step through {@code option}. */
    Plan withStartOption(String option) {
        return new Plan(solverId, options, target, grid, space, scaling, output, initNoiseSigma, stepOfIndex, timesteps,
                sigmas, description, midStage, option);
    }
}
