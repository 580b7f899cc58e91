package org.diffuse4j.samplers.ode;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;

/**
 * Provides {@link Pndm} without PRK warm-up as {@code plms}: PNDMScheduler with {@code skip_prk_steps=True},
 * the PLMS sampler of the original Stable Diffusion code.
 */
public final class PlmsProvider implements SolverProvider {
    private static final SolverTraits TRAITS = SolverTraits.ode(2, 1,
                    "Liu et al. 2022, arXiv:2202.09778, Eq. (12) (PLMS); diffusers PNDMScheduler(skip_prk_steps=True)")
            .withSchedules(PfOdeVariables.SIGMA.families())
            .withHistory(3)
            .withOptions(PndmProvider.DIFFUSERS_TIMESTEPS, PndmProvider.COMBINED_OUTPUT);

    @Override public String name() { return "plms"; }

    @Override public Set<String> aliases() { return Set.of("PLMSSampler", "pndm-plms"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        SolverOptions o = config.options();
        return new Pndm(config.grid(), true, o.get(PndmProvider.COMBINED_OUTPUT), o.get(PndmProvider.DIFFUSERS_TIMESTEPS));
    }
}
