package org.diffuse4j.cli.replay.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.cli.replay.ConfigReader;
import org.junit.jupiter.api.Test;

/**
 * The σ lists the suite's σ-schedulers build for diffusers' test configuration (1 100 linear betas from 1e-4 to
 * 0.02, 10 steps, linspace) with {@code interpolation_type="log_linear"}, {@code use_beta_sigmas} and
 * {@code rescale_betas_zero_snr}. The expected lists come from an independent NumPy/SciPy transcription of
 * diffusers' {@code set_timesteps} ({@code python3 benchmarks/oracles/numpy_oracles.py euler-set-timesteps}; beta
 * sigmas with scipy.stats.beta.ppf), not from this code.
 */
class SigmaConversionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SigmaFamily.Sigmas sigmas(boolean rescale, SigmaFamily.SigmaKind kind, boolean logLinear) {
        ObjectNode config = JSON.createObjectNode().put("num_train_timesteps", 1100).put("beta_start", 0.0001)
                .put("beta_end", 0.02).put("beta_schedule", "linear").put("rescale_betas_zero_snr", rescale);
        double[] ac = DiffusersSchedule.alphasCumprod(new ConfigReader("EulerDiscreteScheduler", config),
                DiffusersSchedule.ZeroSnrEnd.TWO_POW_MINUS_24);
        return SigmaFamily.eulerSigmas(DiffusersSchedule.carrier(ac), new SigmaTable(ac), 10, TimestepSpacing.LINSPACE, 0,
                kind, null, null, false, false, logLinear, true);
    }

    private static void assertClose(double[] got, double[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) assertThat(got[i]).as("index %d", i).isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
    }

    @Test
    void logLinearInterpolationStepsThroughNPlusOneLogSpacedSigmas() {
        SigmaFamily.Sigmas s = sigmas(false, SigmaFamily.SigmaKind.INTERPOLATED, true);
        assertClose(s.sigmas(), new double[] {261.05560342913515, 94.41954193808022, 34.150003994137315, 12.351497887634284,
                4.467334765009828, 1.615761916831599, 0.5843946579359561, 0.2113659894235998, 0.07644762127499347,
                0.027649854238812093, 0.010000500037502575}); // the appended final 0 is never reached
        assertClose(s.timesteps(), new double[] {1099.0, 976.8888888888889, 854.7777777777778, 732.6666666666667,
                610.5555555555555, 488.44444444444446, 366.33333333333337, 244.22222222222223, 122.11111111111111, 0.0});
    }

    @Test
    void betaSigmasFollowTheBetaQuantileAndTheirTimestepsSigmaToT() {
        SigmaFamily.Sigmas s = sigmas(false, SigmaFamily.SigmaKind.BETA, false);
        assertClose(s.sigmas(), new double[] {261.0556034291352, 248.76249152401834, 223.0470772387163, 189.16017488340358,
                150.58769223548865, 110.47791169368408, 71.90542904576914, 38.01852669045645, 12.303112405154357,
                0.010000500037502575, 0.0});
        assertClose(s.timesteps(), new double[] {1099.0, 1094.2166345457574, 1083.3177117143753, 1066.6460555306921,
                1043.1334571783448, 1010.3206150722843, 962.9721336168832, 888.0797475655895, 737.4107331431416, 0.0});
    }

    @Test
    void zeroTerminalSnrStartsAtTheTwoToTheMinus24LevelThoughTheTableRisesThere() {
        SigmaFamily.Sigmas s = sigmas(true, SigmaFamily.SigmaKind.INTERPOLATED, false);
        assertClose(s.sigmas(), new double[] {4095.9998779296857, 117.84916819325997, 32.64695244795, 12.440042849257326,
                5.639304858081234, 2.8902029440828785, 1.5943022808226655, 0.8766298837485339, 0.40102154330084316,
                0.010000500037502575, 0.0});
        assertThat(s.grid().levels()).hasSize(11);
    }

    /** UniPC/DEIS/DPM-Solver beta sigmas on 1 000 linear betas, 10 steps: timesteps by _sigma_to_t cast to int64 (SciPy oracle). */
    @Test
    void multistepBetaSigmasCastTheirTimesteps() {
        double[] ac = org.diffuse4j.api.schedule.Betas.alphasCumprod(org.diffuse4j.api.schedule.Betas.linear(0.0001, 0.02, 1000));
        MultistepFamily.Sigmas s = MultistepFamily.sigmas(new SigmaTable(ac), TimestepSpacing.LINSPACE, 0, MultistepFamily.SigmaKind.BETA,
                10, null, null, true);
        assertClose(s.timesteps(), new double[] {999, 994, 983, 966, 942, 909, 862, 785, 629, 0});
        assertThat(s.sigmas()[10]).isZero();
    }
}
