package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * Provides {@link Tcd} as {@code tcd}. Discrete VP schedules only (the intermediate level is an integer training
 * timestep). To reproduce diffusers, end the grid at timestep 0's level (its final prev_timestep), not at clean data.
 */
public final class TcdProvider implements SolverProvider {
    /** TCD's γ (diffusers' {@code eta} argument of {@code step}; the pipelines' default is 0.3). */
    public static final Option<Double> GAMMA = Option.real("gamma", 0.3, 0, 1, "stochasticity γ: 0 deterministic, 1 jump to timestep 0");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "Zheng et al. 2024, arXiv:2402.19159 (TCD); diffusers TCDScheduler")
            .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP))
            .withOptions(GAMMA)
            .withModel(SolverTraits.ModelKind.TRAJECTORY_CONSISTENCY);

    @Override public String name() { return "tcd"; }

    @Override public Set<String> aliases() { return Set.of("TCDScheduler", "trajectory-consistency"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        if (!(config.grid().schedule() instanceof DiscreteVpSchedule)) {
            throw new ConfigurationException("schedule", "tcd needs a DiscreteVpSchedule (integer training timesteps), got "
                    + config.grid().schedule());
        }
        return new Tcd(config.grid(), config.options().get(GAMMA));
    }
}
