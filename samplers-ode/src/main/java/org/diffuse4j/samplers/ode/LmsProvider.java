package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/** Provides {@link Lms} as {@code lms}. */
public final class LmsProvider implements SolverProvider {
    /** The number of derivatives the multistep formula uses (k-diffusion's and diffusers' {@code order}). */
    public static final Option<Integer> ORDER = Option.integer("order", 4, 1, 4,
            "maximum number of past derivatives (the method's order), reached after order − 1 warm-up steps");

    /**
     * Declared order 3: the four-step formula has order 4, but it starts with Euler, AB2 and AB3 steps, and over
     * practical step counts (the kit's 8 … 64) the global error falls at ≈ 3 (2.9 on the kit's Gaussian data).
     */
    private static final SolverTraits TRAITS = SolverTraits.ode(3, 1,
                    "k-diffusion sample_lms, diffusers LMSDiscreteScheduler (Adams–Bashforth in σ, Lagrange weights)")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withHistory(3)
            .withOptions(ORDER);

    @Override public String name() { return "lms"; }

    @Override public Set<String> aliases() { return Set.of("LMSDiscreteScheduler", "sample_lms", "k_lms"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Lms(config.grid(), config.options().get(ORDER));
    }
}
