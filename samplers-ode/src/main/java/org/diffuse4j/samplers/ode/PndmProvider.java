package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.ode.Pndm.CombinedOutput;

/** Provides {@link Pndm} as {@code pndm} (PRK warm-up by default) and its option set, shared with {@code plms}. */
public final class PndmProvider implements SolverProvider {
    /** diffusers' {@code skip_prk_steps}: PLMS from the first step (pseudo improved Euler warm-up). */
    public static final Option<Boolean> SKIP_PRK_STEPS = Option.bool("skip_prk_steps", false,
            "start with PLMS (pseudo improved Euler first step, 2 calls) instead of three PRK steps (4 calls each)");
    /** Levels between and after the grid's timesteps by diffusers' integer arithmetic. */
    public static final Option<Boolean> DIFFUSERS_TIMESTEPS = Option.bool("diffusers_timesteps", false,
            "land and evaluate stages where diffusers' PNDMScheduler does (t − ⌊N/n⌋, PRK half steps); needs integer timesteps");
    /** The model output the multistep formula combines. */
    public static final Option<CombinedOutput> COMBINED_OUTPUT = Option.choice("combined_output", CombinedOutput.class,
            CombinedOutput.EPSILON, "combine ε̂ (Liu et al.) or raw v outputs converted afterwards (diffusers with v_prediction)");

    static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Liu et al. 2022, arXiv:2202.09778 (PNDM: PRK warm-up + PLMS); diffusers PNDMScheduler")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withHistory(3)
            .withOptions(SKIP_PRK_STEPS, DIFFUSERS_TIMESTEPS, COMBINED_OUTPUT);

    @Override public String name() { return "pndm"; }

    @Override public Set<String> aliases() { return Set.of("PNDMScheduler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new Pndm(config.grid(), o.get(SKIP_PRK_STEPS), o.get(COMBINED_OUTPUT), o.get(DIFFUSERS_TIMESTEPS));
    }
}
