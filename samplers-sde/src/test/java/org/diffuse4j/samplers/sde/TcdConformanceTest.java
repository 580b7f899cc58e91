package org.diffuse4j.samplers.sde;

import java.util.Set;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.Nested;

/**
 * {@code tcd} and the conformance kit. TCD samples a trajectory-consistency network, whose DDIM-form jump
 * x_s = α_s x̂₀ + σ_s ε̂ to s = ⌊(1 − γ) t'⌋ lands on the probability-flow path; no model of (x, t) alone makes that jump
 * exact for every s on non-degenerate data, so the kit has no exact model for it and, at its declared kind
 * ({@link SolverTraits.ModelKind#TRAJECTORY_CONSISTENCY}), reports order and moments without judging them (with the exact
 * denoiser at γ = 0.3 the exact std is 0.456 at 100 steps, 0.472 at 999: the bias is set by γ, not the step count). Its
 * parity with diffusers' TCDScheduler is proven by the suite replay. As a diffusion sampler at a small γ, where the
 * jump's bias is small, it passes every check.
 */
class TcdConformanceTest {
    @Nested
    class AtItsDefaults implements SolverContract {
        @Override public SolverProvider provider() { return new TcdProvider(); }
    }

    /** γ = 0.05 checked as a diffusion sampler (std 0.477, weak order 0.66 with the exact denoiser). */
    @Nested
    class AsADiffusionSamplerAtSmallGamma implements SolverContract {
        @Override public SolverProvider provider() {
            TcdProvider tcd = new TcdProvider();
            return new SolverProvider() {
                @Override public String name() { return tcd.name(); }

                @Override public Set<String> aliases() { return tcd.aliases(); }

                @Override public SolverTraits traits() { return tcd.traits().withModel(SolverTraits.ModelKind.DIFFUSION); }

                @Override public Solver<?> create(SolverConfig config) { return tcd.create(config); }
            };
        }

        @Override public SolverOptions options() { return SolverOptions.NONE.with(TcdProvider.GAMMA, 0.05); }
    }
}
