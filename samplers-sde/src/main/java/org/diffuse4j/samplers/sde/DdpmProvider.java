package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.samplers.sde.Ddpm.VarianceType;

/** Provides {@link Ddpm} as {@code ddpm}. */
public final class DdpmProvider implements SolverProvider {
    /** diffusers' {@code variance_type}. */
    public static final Option<VarianceType> VARIANCE_TYPE = Option.choice("variance_type", VarianceType.class,
            VarianceType.FIXED_SMALL, "posterior variance (fixed_small) or the forward step's β (fixed_large)");

    private static final SolverTraits TRAITS = SolverTraits.sde(1, 1, "Ho et al. 2020, arXiv:2006.11239 (DDPM ancestral sampling)")
            .withOptions(VARIANCE_TYPE);

    @Override public String name() { return "ddpm"; }

    @Override public Set<String> aliases() { return Set.of("DDPMScheduler"); }

    @Override public SolverTraits traits() { return TRAITS; }

    @Override public Solver<?> create(SolverConfig config) {
        config.validateFor(name(), TRAITS);
        return new Ddpm(config.grid(), config.options().get(VARIANCE_TYPE));
    }
}
