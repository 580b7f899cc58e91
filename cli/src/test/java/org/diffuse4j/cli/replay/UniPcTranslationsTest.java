package org.diffuse4j.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Schedule;
import org.junit.jupiter.api.Test;

/** What replay builds from UniPC / DEIS configurations, and what it refuses by name. */
class UniPcTranslationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schedule SD = GoldenCheck.PROBLEMS.schedule("sd-scaled-linear");

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ReferenceSetup translate(String library, String sampler, String config) {
        return ReferenceTranslator.translate(library, sampler, json(config));
    }

    @Test
    void officialUniPcPassesItsConventions() {
        ReferenceSetup s = translate("unipc", "UniPC.sample", "{'variant': 'bh1', 'order': 3, 'skip_type': 'time_quadratic',"
                + " 'algorithm_type': 'noise_prediction', 'final_corrector': true}");
        assertThat(s.solverId()).isEqualTo("unipc");
        assertThat(s.options().asMap()).containsEntry("variant", "bh1").containsEntry("solver_order", "3")
                .containsEntry("predict_x0", "false").containsEntry("final_corrector", "true")
                .containsEntry("lower_order_final_below", Integer.toString(Integer.MAX_VALUE));
        Grid g = s.grid().build(SD, 10);
        assertThat(g.level(0).modelTime()).isEqualTo(999.0);
        assertThat(g.level(10).t()).isEqualTo(0.001, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(g.endsAtData()).isFalse();
    }

    @Test
    void officialRefusalsNameTheKey() {
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'variant': 'bh3'}")).hasMessageContaining("bh3").hasMessageContaining("vary_coeff");
        assertThat(translate("unipc", "UniPC.sample", "{'variant': 'vary_coeff'}").options().asMap()).containsEntry("variant", "vary_coeff");
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'method': 'singlestep'}")).hasMessageContaining("method");
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'order': 4}")).hasMessageContaining("order = 4");
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'prediction_type': 'score'}")).hasMessageContaining("prediction_type");
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'correcting_x0_fn': 'dynamic_thresholding', 'thresholding_max_val': 2.0}"))
                .hasMessageContaining("thresholding_max_val");
        assertThatThrownBy(() -> translate("unipc", "UniPC.sample", "{'no_such_key': 1}")).hasMessageContaining("no_such_key");
        ReferenceSetup s = translate("unipc", "UniPC.sample", "{'order': 3}");
        assertThatThrownBy(() -> s.grid().build(SD, 2)).hasMessageContaining("steps >= order");
    }

    @Test
    void diffusersUniPcTranslatesDisableCorrectorAndTheFinalSigma() {
        ReferenceSetup s = translate("diffusers", "UniPCMultistepScheduler", "{'disable_corrector': [0, 2, -1], 'solver_type': 'midpoint',"
                + " 'final_sigmas_type': 'sigma_min'}");
        assertThat(s.options().asMap()).containsEntry("disable_corrector_mask", "5").containsEntry("variant", "bh2");
        Grid g = s.grid().build(SD, 5);
        assertThat(g.endsAtData()).isFalse();
        assertThat(g.level(0).modelTime()).isEqualTo(999.0);
    }

    @Test
    void diffusersUniPcBetaSigmasRunFromSigmaMaxThroughTheMidpointToSigmaMin() {
        // beta.ppf(1) = 1, beta.ppf(½, 0.6, 0.6) = ½ by symmetry, beta.ppf(0) = 0: σ_max, (σ_min + σ_max)/2, σ_min
        Grid g = translate("diffusers", "UniPCMultistepScheduler", "{'use_beta_sigmas': true}").grid().build(SD, 5);
        org.diffuse4j.api.schedule.DiscreteVpSchedule vp = (org.diffuse4j.api.schedule.DiscreteVpSchedule) SD;
        double max = Math.sqrt((1 - vp.alphaCumprod(999)) / vp.alphaCumprod(999)), min = Math.sqrt((1 - vp.alphaCumprod(0)) / vp.alphaCumprod(0));
        double[] expected = {max, Double.NaN, (min + max) / 2, Double.NaN, min};
        for (int i : new int[] {0, 2, 4}) {
            org.diffuse4j.api.NoiseLevel l = g.level(i);
            assertThat(l.sigma() / l.alpha()).as("σ at " + i).isCloseTo(expected[i], org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
        assertThat(g.level(0).modelTime()).isEqualTo(999.0);
        assertThat(g.level(4).modelTime()).isEqualTo(0.0);
    }

    @Test
    void diffusersUniPcRefusesWhatItCannotReproduceByName() {
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'solver_p': 'DPMSolverMultistepScheduler'}"))
                .hasMessageContaining("solver_p");
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'use_flow_sigmas': true}"))
                .hasMessageContaining("use_flow_sigmas");
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'disable_corrector': [40]}"))
                .hasMessageContaining("disable_corrector");
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'solver_type': 'bh1'}").grid().build(SD, 5))
                .hasMessageContaining("bh1");
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'predict_x0': false}").grid().build(SD, 5))
                .hasMessageContaining("predict_x0");
        assertThatThrownBy(() -> translate("diffusers", "UniPCMultistepScheduler", "{'lower_order_final': false}").grid().build(SD, 5))
                .hasMessageContaining("lower_order_final");
    }

    /** Karras sigmas on the zero-SNR table start at its 2⁻²⁴ end, σ/α = √((1 − 2⁻²⁴)/2⁻²⁴), handed out as timestep 999. */
    @Test
    void zeroSnrKarrasStartsAtTheTablesLastLevel() {
        org.diffuse4j.api.Grid g = translate("diffusers", "UniPCMultistepScheduler", "{'rescale_betas_zero_snr': true, 'use_karras_sigmas': true}")
                .grid().build(SD, 5);
        double top = Math.sqrt((1 - 0x1p-24) / 0x1p-24);
        assertThat(g.level(0).sigma() / g.level(0).alpha()).isCloseTo(top, org.assertj.core.api.Assertions.within(1e-9 * top));
        assertThat(g.level(0).modelTime()).isEqualTo(999.0);
    }

    @Test
    void diffusersDeisEndsAtTheSigmaOfTimestepZeroOrRepeatsTheLastSpacedSigma() {
        ReferenceSetup s = translate("diffusers", "DEISMultistepScheduler", "{'algorithm_type': 'dpmsolver++', 'solver_order': 3}");
        assertThat(s.solverId()).isEqualTo("deis");
        Grid g = s.grid().build(SD, 5);
        assertThat(g.level(5).sigmaVe()).isEqualTo(((org.diffuse4j.api.schedule.DiscreteVpSchedule) SD).sigmaVe(0));
        Grid karras = translate("diffusers", "DEISMultistepScheduler", "{'use_karras_sigmas': true}").grid().build(SD, 5);
        assertThat(karras.level(5).sigmaVe()).isEqualTo(karras.level(4).sigmaVe());
        assertThatThrownBy(() -> translate("diffusers", "DEISMultistepScheduler", "{'final_sigmas_type': 'zero'}"))
                .hasMessageContaining("final_sigmas_type");
    }
}
