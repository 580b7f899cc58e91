package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.conformance.SolverContract;
import org.junit.jupiter.api.Nested;

/**
 * {@code unipc} passes the whole conformance kit with its defaults (UniPC-3, bh2, data prediction: fourth order)
 * and under the option sets below, each declaring the order its options give: p + 1 with the corrector, p
 * without. The order-2 sets switch {@code lower_order_final} off so that every step count the kit runs (8 … 512, the
 * slope fitted over 64 … 512) is the same discretisation.
 */
class UniPcConformanceTest implements SolverContract {
    @Override public SolverProvider provider() { return new UniPcProvider(); }

    private static SolverOptions options(String... pairs) { return SolverOptions.parse(java.util.List.of(pairs)); }

    @Nested class Bh1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 4); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("variant=bh1"); }
    }

    /**
     * UniPC-v as the official {@code multistep_uni_pc_vary_update} computes it (replay parity): its corrector weighs
     * D_t with row K − 2 of C⁻¹ and h φ_{K+1} and leaves out row K − 1 for the history. D_t = m_t − m₀ is O(h), so a
     * wrong weight on it costs O(h²) per step and the corrected solver is first order (0.97 measured here); the
     * predictor alone keeps order p (below).
     */
    @Nested class VaryCoeff implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 1); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("variant=vary_coeff"); }
    }

    @Nested class VaryCoeffPredictorOnly implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 3); }

        @Override public SolverOptions options() {
            return UniPcConformanceTest.options("variant=vary_coeff", "corrector=false", "lower_order_final=false");
        }
    }

    @Nested class VaryCoeffOrder2NoisePredictionPredictorOnly implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 2); }

        @Override public SolverOptions options() {
            return UniPcConformanceTest.options("variant=vary_coeff", "solver_order=2", "predict_x0=false", "corrector=false",
                    "lower_order_final=false");
        }
    }

    @Nested class NoisePrediction implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 4); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("predict_x0=false"); }
    }

    @Nested class NoisePredictionBh1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 4); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("predict_x0=false", "variant=bh1"); }
    }

    /** UniPC-2 with diffusers' default B(h): third order (pre-asymptotic at 8 steps, h ≈ 1 in λ; 3.00 over 64 … 512). */
    @Nested class Order2Bh2 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 3); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("solver_order=2", "lower_order_final=false"); }
    }

    @Nested class Order2Bh1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 3); }

        @Override public SolverOptions options() {
            return UniPcConformanceTest.options("solver_order=2", "variant=bh1", "lower_order_final=false");
        }
    }

    @Nested class Order2NoisePrediction implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 3); }

        @Override public SolverOptions options() {
            return UniPcConformanceTest.options("solver_order=2", "predict_x0=false", "lower_order_final=false");
        }
    }

    @Nested class Order1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 2); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("solver_order=1"); }
    }

    @Nested class Order1NoisePredictionBh1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 2); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("solver_order=1", "predict_x0=false", "variant=bh1"); }
    }

    /** UniP-1 alone is DDIM. */
    @Nested class PredictorOnlyOrder1 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 1); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("solver_order=1", "corrector=false"); }
    }

    @Nested class PredictorOnlyOrder2 implements SolverContract {
        @Override public SolverProvider provider() { return new OptionSetProvider(new UniPcProvider(), 2); }

        @Override public SolverOptions options() { return UniPcConformanceTest.options("solver_order=2", "corrector=false"); }
    }
}
