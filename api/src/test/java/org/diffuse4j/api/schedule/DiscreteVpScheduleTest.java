package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ScheduleFamily;
import org.junit.jupiter.api.Test;

class DiscreteVpScheduleTest {
    private static final int N = 1000;

    /** ᾱ_k of Stable Diffusion's scaled-linear betas, computed here from the definition. */
    private static double[] sdAlphasCumprod() {
        double[] ac = new double[N];
        double p = 1, r0 = Math.sqrt(0.00085), r1 = Math.sqrt(0.012);
        for (int k = 0; k < N; k++) {
            double r = r0 + k * (r1 - r0) / (N - 1);
            p *= 1 - r * r;
            ac[k] = p;
        }
        return ac;
    }

    private final DiscreteVpSchedule schedule = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, N));

    @Test
    void alphaSquaredAtTrainingTimestepsIsAlphaCumprod() {
        double[] ac = sdAlphasCumprod();
        assertThat(schedule.trainSteps()).isEqualTo(N);
        assertThat(schedule.family()).isEqualTo(ScheduleFamily.DISCRETE_VP);
        assertThat(schedule.tMin()).isEqualTo(1.0 / N);
        assertThat(schedule.tMax()).isEqualTo(1.0);
        for (int k = 0; k < N; k++) {
            double t = (k + 1) / (double) N;
            assertThat(schedule.alphaCumprod(k)).isCloseTo(ac[k], within(1e-12 * ac[k]));
            assertThat(Math.pow(schedule.alpha(t), 2)).isCloseTo(ac[k], within(1e-12 * ac[k]));
            assertThat(Math.pow(schedule.sigma(t), 2)).isCloseTo(1 - ac[k], within(1e-12));
            assertThat(schedule.lambda(t)).isCloseTo(0.5 * Math.log(ac[k] / (1 - ac[k])), within(1e-10));
            assertThat(schedule.modelTime(t)).isCloseTo(k, within(1e-9));
        }
    }

    @Test
    void timestepLevelsAndSigmaVeFollowDiffusers() {
        double[] ac = sdAlphasCumprod();
        for (int k : new int[] {0, 1, 499, 999}) {
            NoiseLevel level = schedule.timestep(k);
            assertThat(level.alpha()).isCloseTo(Math.sqrt(ac[k]), within(1e-14));
            assertThat(level.sigma()).isCloseTo(Math.sqrt(1 - ac[k]), within(1e-14));
            assertThat(level.modelTime()).isEqualTo(k);
            assertThat(level.t()).isEqualTo(schedule.tOfTimestep(k));
            assertThat(schedule.sigmaVe(k)).isCloseTo(Math.sqrt((1 - ac[k]) / ac[k]), within(1e-12));
        }
        // numpy.interp: linear in σ/α between integer timesteps, clamped at the ends
        double s10 = Math.sqrt((1 - ac[10]) / ac[10]), s11 = Math.sqrt((1 - ac[11]) / ac[11]);
        assertThat(schedule.sigmaVeAt(10.25)).isCloseTo(s10 + 0.25 * (s11 - s10), within(1e-13));
        assertThat(schedule.sigmaVeAt(-3)).isEqualTo(schedule.sigmaVe(0));
        assertThat(schedule.sigmaVeAt(2000)).isEqualTo(schedule.sigmaVe(N - 1));
        // log-linear interpolation and its inverse (k-diffusion t_to_sigma / sigma_to_t)
        double logMid = 0.6 * Math.log(s10) + 0.4 * Math.log(s11);
        assertThat(schedule.sigmaVeOfTimestepLogLinear(10.4)).isCloseTo(Math.exp(logMid), within(1e-13));
        for (double k : new double[] {0, 3.5, 10.4, 123.75, 998.9, 999}) {
            assertThat(schedule.timestepOfSigmaVe(schedule.sigmaVeOfTimestepLogLinear(k))).isCloseTo(k, within(1e-9));
        }
        assertThat(schedule.timestepOfSigmaVe(1e-6)).isEqualTo(0.0);
        assertThat(schedule.timestepOfSigmaVe(1e6)).isEqualTo(N - 1.0);
        assertThatThrownBy(() -> schedule.timestep(N)).isInstanceOf(ConfigurationException.class).hasMessageContaining("1000");
    }

    @Test
    void tOfLambdaInvertsLambdaAcrossTheRange() {
        for (int i = 0; i <= 200; i++) {
            double t = 1.0 / N + i * (1 - 1.0 / N) / 200 + (i % 3) * 1.7e-4;
            t = Math.min(t, 1.0);
            assertThat(schedule.tOfLambda(schedule.lambda(t))).as("t = %s", t).isCloseTo(t, within(1e-10));
        }
        assertThat(schedule.at(schedule.tOfLambda(0.0)).lambda()).isCloseTo(0.0, within(1e-10));
    }

    @Test
    void derivativesMatchCentralFiniteDifferencesInsideASegment() {
        for (int k : new int[] {0, 17, 400, 998}) {
            double t = (k + 1.37) / N, h = 1e-4 / N;
            double fdAlpha = (schedule.alpha(t + h) - schedule.alpha(t - h)) / (2 * h);
            double fdSigma = (schedule.sigma(t + h) - schedule.sigma(t - h)) / (2 * h);
            assertThat(schedule.dAlpha(t)).isCloseTo(fdAlpha, within(1e-6 * Math.abs(fdAlpha)));
            assertThat(schedule.dSigma(t)).isCloseTo(fdSigma, within(1e-6 * Math.abs(fdSigma)));
            NoiseLevel level = schedule.at(t);
            assertThat(level.dAlpha()).isEqualTo(schedule.dAlpha(t));
            assertThat(level.alpha() * level.alpha() + level.sigma() * level.sigma()).isCloseTo(1, within(1e-14));
        }
    }

    @Test
    void clipLambdaBelowDropsOnlyTheTailBelowTheThreshold() {
        int n = N;
        double[] ac = new double[n];
        double p = 1;
        for (int i = 0; i < n; i++) { // squaredcos_cap_v2, written out here
            double f1 = Math.pow(Math.cos((i / (double) n + 0.008) / 1.008 * Math.PI / 2), 2);
            double f2 = Math.pow(Math.cos(((i + 1) / (double) n + 0.008) / 1.008 * Math.PI / 2), 2);
            p *= 1 - Math.min(1 - f2 / f1, 0.999);
            ac[i] = p;
        }
        int below = 0;
        for (double a : ac) if (0.5 * Math.log(a / (1 - a)) < -5.1) below++;
        assertThat(below).isEqualTo(4); // λ of the last five: −5.08, −5.37, −5.77, −6.46, −9.92

        DiscreteVpSchedule cosine = DiscreteVpSchedule.fromBetas(Betas.squaredCosCapV2(n));
        DiscreteVpSchedule clipped = cosine.clipLambdaBelow(-5.1);
        assertThat(clipped.trainSteps()).isEqualTo(n - below);
        double[] kept = clipped.alphasCumprod();
        for (int k = 0; k < kept.length; k++) assertThat(kept[k]).isCloseTo(ac[k], within(1e-12 * ac[k]));
        assertThat(clipped.lambda(clipped.tMax())).isGreaterThanOrEqualTo(-5.1);
        assertThat(cosine.clipLambdaBelow(-20)).isSameAs(cosine);
    }

    @Test
    void invalidTablesAreRejected() {
        assertThatThrownBy(() -> DiscreteVpSchedule.fromAlphasCumprod(new double[] {0.9}))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> DiscreteVpSchedule.fromAlphasCumprod(new double[] {0.9, 0.95}))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("value[1]");
        assertThatThrownBy(() -> DiscreteVpSchedule.fromAlphasCumprod(new double[] {1.0, 0.5}))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("value[0]");
    }

    @Test
    void copiesItsTable() {
        double[] ac = {0.9, 0.5, 0.1};
        DiscreteVpSchedule s = DiscreteVpSchedule.fromAlphasCumprod(ac);
        ac[0] = 0.2;
        s.alphasCumprod()[1] = 0.3;
        assertThat(s.alphaCumprod(0)).isEqualTo(0.9);
        assertThat(s.alphaCumprod(1)).isEqualTo(0.5);
    }
}
