package org.diffuse4j.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.junit.jupiter.api.Test;

/** How the DPM-Solver translations read their libraries' configurations, and what they refuse by name. */
class DpmSolverTranslationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DiscreteVpSchedule LINEAR = (DiscreteVpSchedule) GoldenCheck.PROBLEMS.schedule("ddpm-linear");

    private static ReferenceSetup translate(String library, String sampler, String json) throws Exception {
        return ReferenceTranslator.translate(library, sampler, JSON.readTree(json));
    }

    @Test
    void officialMethodsMapToTheirSolvers() throws Exception {
        assertThat(translate("dpm-solver", "DPM_Solver.sample", "{\"algorithm_type\":\"dpmsolver\",\"method\":\"multistep\",\"order\":3}").solverId())
                .isEqualTo("dpm-solver");
        assertThat(translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"multistep\",\"order\":3}").solverId()).isEqualTo("dpmpp-3m");
        assertThat(translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"singlestep\",\"order\":3}").solverId()).isEqualTo("dpmpp-2s");
        assertThat(translate("dpm-solver", "DPM_Solver.sample", "{\"algorithm_type\":\"dpmsolver\",\"method\":\"singlestep_fixed\"}").solverId())
                .isEqualTo("dpm-solver-singlestep");
        assertThat(translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"adaptive\",\"order\":3}").solverId()).isEqualTo("dpmpp-adaptive");
    }

    @Test
    void officialSinglestepGridHoldsEveryModelCall() throws Exception {
        // steps = 10, order 3: updates [3, 3, 3, 1] on a logSNR outer grid of 4 steps, inner points at thirds of λ
        ReferenceSetup s = translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"singlestep\",\"order\":3,\"skip_type\":\"logSNR\"}");
        Grid g = s.grid().build(LINEAR, 10);
        assertThat(g.steps()).isEqualTo(10);
        double l0 = g.level(0).lambda(), l3 = g.level(3).lambda();
        assertThat((g.level(1).lambda() - l0) / (l3 - l0)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat((g.level(2).lambda() - l0) / (l3 - l0)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(l3 - l0).isCloseTo(g.level(6).lambda() - l3, within(1e-9));
        // singlestep_fixed: K = ⌊10/3⌋ = 3 updates of order 3, 9 model calls
        ReferenceSetup fixed = translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"singlestep_fixed\",\"order\":3}");
        assertThat(fixed.grid().build(LINEAR, 10).steps()).isEqualTo(9);
        // adaptive: one grid step, plus the final jump with denoise_to_zero
        ReferenceSetup adaptive = translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"adaptive\",\"denoise_to_zero\":true}");
        assertThat(adaptive.grid().build(LINEAR, 10).steps()).isEqualTo(2);
    }

    @Test
    void diffusersSchedulersMapToTheirSolvers() throws Exception {
        assertThat(translate("diffusers", "DPMSolverMultistepScheduler", "{\"solver_order\":3}").solverId()).isEqualTo("dpmpp-3m");
        assertThat(translate("diffusers", "DPMSolverMultistepScheduler", "{\"algorithm_type\":\"dpmsolver\",\"final_sigmas_type\":\"sigma_min\"}")
                .solverId()).isEqualTo("dpm-solver");
        ReferenceSetup single = translate("diffusers", "DPMSolverSinglestepScheduler", "{\"solver_order\":3}");
        assertThat(single.solverId()).isEqualTo("dpmpp-2s");
        assertThat(single.options().asMap()).containsEntry("order_schedule", "fixed").containsEntry("third_order_intermediate", "midpoint");
    }

    @Test
    void unsupportedConfigurationsAreRefusedByName() {
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverMultistepScheduler", "{\"algorithm_type\":\"sde-dpmsolver++\"}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("sde-dpmsolver++").hasMessageContaining("stochastic");
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverSinglestepScheduler", "{\"algorithm_type\":\"sde-dpmsolver++\"}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("algorithm_type");
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverMultistepScheduler", "{\"algorithm_type\":\"dpmsolver\"}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("final_sigmas_type");
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverSinglestepScheduler",
                "{\"algorithm_type\":\"dpmsolver\",\"final_sigmas_type\":\"sigma_min\",\"thresholding\":true}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("thresholding");
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverSinglestepScheduler", "{\"timestep_spacing\":\"trailing\"}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("timestep_spacing");
        assertThatThrownBy(() -> translate("diffusers", "DPMSolverMultistepScheduler", "{\"use_karras_sigmas\":true,\"use_beta_sigmas\":true}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("use_beta_sigmas");
        assertThatThrownBy(() -> translate("dpm-solver", "DPM_Solver.sample", "{\"method\":\"adaptive\",\"order\":1}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("order = 1");
        assertThatThrownBy(() -> translate("dpm-solver", "DPM_Solver.sample", "{\"correcting_xt_fn\":\"f\"}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("correcting_xt_fn");
        assertThatThrownBy(() -> translate("dpm-solver", "DPM_Solver.sample", "{\"stepz\":3}"))
                .isInstanceOf(ReplayException.class).hasMessageContaining("stepz");
    }

    @Test
    void betaQuantileInvertsTheRegularizedIncompleteBetaFunction() {
        // Beta(½, ½) is the arcsine law, whose quantile is sin²(πp/2); Beta(1, 1) is uniform
        for (double p : new double[] {1e-9, 0.01, 0.3, 0.5, 0.77, 0.999}) {
            double s = Math.sin(Math.PI * p / 2);
            assertThat(BetaQuantile.ppf(p, 0.5, 0.5)).isCloseTo(s * s, within(1e-14 + 1e-13 * s * s));
            assertThat(BetaQuantile.ppf(p, 1, 1)).isCloseTo(p, within(1e-15));
        }
        // symmetric a = b: the quantile of ½ is ½
        assertThat(BetaQuantile.ppf(0.5, 0.6, 0.6)).isCloseTo(0.5, within(1e-15));
    }
}
