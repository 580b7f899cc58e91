package org.diffuse4j.api.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    @Test void quantileInterpolatesLinearlyLikeTorch() {
        double[] sorted = {0, 1, 2, 3, 10};
        // position q·(n−1): 0.5 → index 2; 0.9 → 3.6 → 3 + 0.6·(10 − 3) = 7.2
        assertThat(Thresholds.quantileSorted(sorted, 0.5)).isEqualTo(2.0);
        assertThat(Thresholds.quantileSorted(sorted, 0.9)).isCloseTo(7.2, within(1e-12));
        assertThat(Thresholds.quantileSorted(sorted, 1.0)).isEqualTo(10.0);
    }

    @Test void dynamicThresholdingScalesEachRowByItsOwnQuantile() {
        Tensor x0 = Tensor.of(new double[][] {{0.5, -3, 2, 1, 0}, {0.2, -0.4, 0.1, 0.3, 0}});
        Tensor out = Thresholds.dynamic(x0, 0.9, 10);
        // row 0: |x| sorted 0, 0.5, 1, 2, 3 → q0.9 at 3.6 → 2 + 0.6·1 = 2.6; clamp to ±2.6 then ÷ 2.6
        assertThat(out.rowValues(0)).containsExactly(new double[] {0.5 / 2.6, -1, 2 / 2.6, 1 / 2.6, 0}, within(1e-12));
        // row 1: quantile 0.36 < 1 → s = 1: plain clipping to [−1, 1] leaves it unchanged
        assertThat(out.rowValues(1)).containsExactly(x0.rowValues(1));
        // sample_max_value caps s
        assertThat(Thresholds.dynamic(x0, 0.9, 2).rowValues(0)[1]).isEqualTo(-1.0);
        assertThat(Thresholds.dynamic(x0, 0.9, 2).rowValues(0)[2]).isEqualTo(1.0);
    }

    @Test void sampleMaxValueBelowOneFollowsTorchClamp() {
        // torch.clamp(q, min=1, max=0.5) is 0.5 whatever q: every row is clipped to ±0.5 and divided by 0.5
        Tensor x0 = Tensor.of(new double[][] {{0.5, -3, 2, 1, 0}, {0.2, -0.4, 0.1, 0.3, 0}});
        Tensor out = Thresholds.dynamic(x0, 0.9, 0.5);
        assertThat(out.rowValues(0)).containsExactly(new double[] {1, -1, 1, 1, 0}, within(1e-15));
        assertThat(out.rowValues(1)).containsExactly(new double[] {0.4, -0.8, 0.2, 0.6, 0}, within(1e-15));
        assertThatThrownBy(() -> Thresholds.dynamic(x0, 0.9, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sample_max_value");
        assertThatThrownBy(() -> Thresholds.dynamic(x0, 0.9, Double.NaN)).hasMessageContaining("sample_max_value");
    }

    @Test void clippingAndBadArguments() {
        assertThat(Thresholds.clip(Tensor.of(new double[][] {{-2, 0.5, 3}}), 1).toArray()).containsExactly(-1, 0.5, 1);
        assertThatThrownBy(() -> Thresholds.dynamic(Tensor.zeros(1, 2), 1.5, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dynamic_thresholding_ratio");
        assertThatThrownBy(() -> Thresholds.clip(Tensor.zeros(1, 2), 0)).hasMessageContaining("clip_sample_range");
    }

    @Test void zeroTerminalSnrScheduleEndsAtPureNoise() {
        double[] betas = Betas.rescaleZeroTerminalSnr(Betas.scaledLinear(0.00085, 0.012, 1000));
        double[] ac = new double[1000];
        double p = 1;
        for (int k = 0; k < 1000; k++) {
            p *= 1 - betas[k];
            ac[k] = k == 999 ? 0 : p;
        }
        DiscreteVpSchedule s = DiscreteVpSchedule.fromAlphasCumprod(ac);
        assertThat(s.timestep(999).alpha()).isZero();
        assertThat(s.timestep(999).sigma()).isEqualTo(1.0);
        assertThat(s.timestep(999).lambda()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(s.sigma(1.0)).isEqualTo(1.0);
        assertThat(s.alphaCumprod(0)).isCloseTo(1 - 0.00085, within(1e-12)); // the first step keeps its value
    }
}
