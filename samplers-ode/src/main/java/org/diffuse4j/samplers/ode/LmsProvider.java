package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.Lms.MidScheduleWeights;

/** Provides {@link Lms} as {@code lms}. */
public final class LmsProvider implements SolverProvider {
    /** The number of derivatives the multistep formula uses (k-diffusion's and diffusers' {@code order}). */
    public static final Option<Integer> ORDER = Option.integer("order", 4, 1, 4,
            "maximum number of past derivatives (the method's order), reached after order − 1 warm-up steps");

    /** A run from step k of the grid (image-to-image); the skipped levels matter only with mid_schedule_weights=diffusers. */
    public static final Option<Integer> START_STEP = StartStep.OPTION;

    /** How the first steps after {@code start_step} are weighted: history (consistent) or diffusers (its img2img). */
    public static final Option<MidScheduleWeights> MID_SCHEDULE_WEIGHTS = Option.choice("mid_schedule_weights",
            MidScheduleWeights.class, MidScheduleWeights.HISTORY,
            "weights of the steps after a start_step > 0 while derivatives are missing: history (the Lagrange basis of "
                    + "the derivatives the run has, as a run on the rest of the grid) or diffusers (LMSDiscreteScheduler "
                    + "from timesteps[k]: order counted from the schedule's start, its first coefficients paired with the "
                    + "derivatives it has)");

    /**
     * Order 4, the default four-step formula's (k-diffusion's {@code order=4}): the global error falls at 3.7, 3.9, 3.9, 3.9
     * between 64, 128, 256, 512 and 1024 steps on Gaussian data (alike on two-component mixtures). Its Euler, AB2 and AB3
     * start-up steps leave pre-asymptotic slopes of 2.2 … 3.5 below 64 steps; their own O(h²) … O(h⁴) errors are made at
     * the noise end, where the flow is nearly linear in s, and stay below the fourth-order error there.
     */
    private static final SolverTraits TRAITS = SolverTraits.ode(4, 1,
                    "k-diffusion sample_lms, diffusers LMSDiscreteScheduler (Adams–Bashforth in σ, Lagrange weights)")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withHistory(3)
            .withOptions(ORDER, START_STEP, MID_SCHEDULE_WEIGHTS);

    @Override public String name() { return "lms"; }

    @Override public Set<String> aliases() { return Set.of("LMSDiscreteScheduler", "sample_lms", "k_lms"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Lms(config.grid(), config.options().get(ORDER), StartStep.read(config), config.options().get(MID_SCHEDULE_WEIGHTS));
    }
}
