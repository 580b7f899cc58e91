package org.diffuse4j.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.diffuse4j.api.NoiseLevel;
import org.junit.jupiter.api.Test;

/**
 * diffusers' {@code rescale_betas_zero_snr} in the σ-space schedulers (Euler, DPM-Solver): ᾱ of timestep 999 becomes
 * 2⁻²⁴, which on ddpm-linear lies above ᾱ of timestep 998, so the σ table rises at its end. Replay reads that table
 * as diffusers does. The oracle is the table computed here from the betas by Lin et al. 2024 (arXiv:2305.08891),
 * Algorithm 1, step by step as diffusers' {@code rescale_zero_terminal_snr} writes it. (An independent NumPy
 * transcription of EulerDiscreteScheduler on the exact denoiser agreed with these runs to 8e-11; docs/benchmarks.md.) Levels agree to 1e-10 relative: the rescaling is summed in another order here.
 */
class ZeroSnrReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** diffusers' σ/α table after rescale_betas_zero_snr, with alphas_cumprod[-1] = 2⁻²⁴. */
    static double[] diffusersTable(double[] betas) {
        int n = betas.length;
        double[] sqrtBar = new double[n];
        double ac = 1;
        for (int k = 0; k < n; k++) {
            ac *= 1 - betas[k];
            sqrtBar[k] = Math.sqrt(ac);
        }
        double first = sqrtBar[0], last = sqrtBar[n - 1];
        double[] bar = new double[n];
        for (int k = 0; k < n; k++) {
            double s = (sqrtBar[k] - last) * (first / (first - last));
            bar[k] = s * s;
        }
        double[] table = new double[n];
        double cum = 1;
        for (int k = 0; k < n; k++) { // betas = 1 − ᾱ_k/ᾱ_{k−1}, then the scheduler's cumprod(1 − betas)
            double alpha = k == 0 ? bar[0] : bar[k] / bar[k - 1];
            cum *= 1 - (1 - alpha);
            double a = k == n - 1 ? Math.scalb(1.0, -24) : cum;
            table[k] = Math.sqrt((1 - a) / a);
        }
        return table;
    }

    private static GoldenReplay.RunResult replay(String sampler, String timestepSpacing, int steps) {
        ObjectNode config = JSON.createObjectNode().put("rescale_betas_zero_snr", true).put("timestep_spacing", timestepSpacing);
        ReferenceSetup setup = ReferenceTranslator.translate("diffusers", sampler, config);
        GoldenReplay replay = new GoldenReplay(GoldenCheck.PROBLEMS, GoldenCheck.providers()::get);
        return replay.run(setup, "gmm2d-ring", "ddpm-linear", steps);
    }

    @Test
    void eulerStartsFromTheTwoToTheMinus24LevelAndWalksTheRescaledTable() {
        double[] table = diffusersTable(GoldenCheck.PROBLEMS.betas("ddpm-linear"));
        assertThat(table[999]).isLessThan(table[998]); // the table rises at its end on this schedule
        for (String spacing : List.of("linspace", "trailing")) {
            GoldenReplay.RunResult run = replay("EulerDiscreteScheduler", spacing, 10);
            assertThat(run.error()).as(spacing).isNull();
            List<NoiseLevel> calls = run.modelCalls();
            assertThat(calls).hasSize(10);
            assertThat(calls.get(0).modelTime()).isEqualTo(999);
            assertThat(calls.get(0).sigma() / calls.get(0).alpha()).isCloseTo(table[999], org.assertj.core.data.Percentage.withPercentage(1e-8));
            for (NoiseLevel call : calls) { // every other level is the table interpolated at its timestep (numpy interp)
                double k = call.modelTime();
                int lo = (int) Math.floor(k);
                double expected = lo >= 999 ? table[999] : table[lo] + (table[lo + 1] - table[lo]) * (k - lo);
                assertThat(call.sigma() / call.alpha()).as("%s, timestep %s", spacing, k).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-8));
            }
            assertThat(run.samples().isFinite()).isTrue();
        }
    }

    @Test
    void dpmSolverMultistepStartsFromTheSameLevel() {
        double[] table = diffusersTable(GoldenCheck.PROBLEMS.betas("ddpm-linear"));
        GoldenReplay.RunResult run = replay("DPMSolverMultistepScheduler", "linspace", 10);
        assertThat(run.error()).isNull();
        NoiseLevel first = run.modelCalls().get(0);
        assertThat(first.modelTime()).isEqualTo(999);
        assertThat(first.sigma() / first.alpha()).isCloseTo(table[999], org.assertj.core.data.Percentage.withPercentage(1e-8));
        assertThat(run.samples().isFinite()).isTrue();
    }
}
