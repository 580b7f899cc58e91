package org.diffuse4j.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.diffuse4j.api.predict.Prediction;

/**
 * What a solver declares about itself; the sampling loop and the conformance kit check every claim.
 *
 * @param stochastic        whether it draws noise (an SDE sampler)
 * @param order             convergence order (strong order for ODE solvers, weak order for SDE solvers)
 * @param modelCallsPerStep model calls of a regular step (the exact count per step is {@link Solver#modelCalls(int)})
 * @param historyLength     how many previous model outputs it keeps (0 for single-step methods)
 * @param accepts           native denoiser targets it works with
 * @param schedules         schedule families it supports
 * @param options           options it accepts
 * @param reference         the paper or library it follows
 * @param adaptive          whether it chooses its own steps at run time (error control), so that its model calls
 *                          are known only after running ({@link Solver#modelCalls(int)} returns {@link Solver#ADAPTIVE})
 *                          and its step sizes may depend on every row of a batch
 */
public record SolverTraits(boolean stochastic, int order, int modelCallsPerStep, int historyLength,
                           Set<Prediction> accepts, Set<ScheduleFamily> schedules, List<Option<?>> options,
                           String reference, boolean adaptive) {
    public SolverTraits {
        if (order < 1 || order > 8) throw new ConfigurationException("order", "must be 1 … 8, got " + order);
        if (modelCallsPerStep < 1) throw new ConfigurationException("modelCallsPerStep", "must be ≥ 1, got " + modelCallsPerStep);
        if (historyLength < 0) throw new ConfigurationException("historyLength", "must be ≥ 0, got " + historyLength);
        accepts = Set.copyOf(accepts);
        schedules = Set.copyOf(schedules);
        options = List.copyOf(options);
        if (accepts.isEmpty()) throw new ConfigurationException("accepts", "must name at least one prediction target");
        if (schedules.isEmpty()) throw new ConfigurationException("schedules", "must name at least one schedule family");
    }

    /** A deterministic (ODE) solver accepting every target and schedule, without options. */
    public static SolverTraits ode(int order, int modelCallsPerStep, String reference) {
        return new SolverTraits(false, order, modelCallsPerStep, 0, EnumSet.allOf(Prediction.class),
                EnumSet.allOf(ScheduleFamily.class), List.of(), reference, false);
    }

    /** A stochastic (SDE) solver accepting every target and schedule, without options. */
    public static SolverTraits sde(int order, int modelCallsPerStep, String reference) {
        return new SolverTraits(true, order, modelCallsPerStep, 0, EnumSet.allOf(Prediction.class),
                EnumSet.allOf(ScheduleFamily.class), List.of(), reference, false);
    }

    public SolverTraits withOptions(Option<?>... newOptions) {
        return new SolverTraits(stochastic, order, modelCallsPerStep, historyLength, accepts, schedules, List.of(newOptions), reference, adaptive);
    }

    public SolverTraits withHistory(int newHistoryLength) {
        return new SolverTraits(stochastic, order, modelCallsPerStep, newHistoryLength, accepts, schedules, options, reference, adaptive);
    }

    public SolverTraits withSchedules(Set<ScheduleFamily> newSchedules) {
        return new SolverTraits(stochastic, order, modelCallsPerStep, historyLength, accepts, newSchedules, options, reference, adaptive);
    }

    /** These traits for a solver with run-time step-size control. */
    public SolverTraits asAdaptive() {
        return new SolverTraits(stochastic, order, modelCallsPerStep, historyLength, accepts, schedules, options, reference, true);
    }

    public SolverTraits withAccepts(Set<Prediction> newAccepts) {
        return new SolverTraits(stochastic, order, modelCallsPerStep, historyLength, newAccepts, schedules, options, reference, adaptive);
    }
}
