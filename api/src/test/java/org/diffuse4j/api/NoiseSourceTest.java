package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseSourceTest {
    private static final long SEED = 20240611L;

    /** Standard normal CDF through Abramowitz &amp; Stegun 7.1.26 (|error| &lt; 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    @Test
    void normalCdfOracleIsAccurate() {
        assertThat(phi(0)).isCloseTo(0.5, within(1e-7));
        assertThat(phi(1.959963984540054)).isCloseTo(0.975, within(2e-7));
        assertThat(phi(-1)).isCloseTo(0.15865525393145707, within(2e-7));
    }

    @Test
    void sameSeedRowAndDrawGiveTheSameValuesWhateverTheBatchSplit() {
        NoiseSource whole = NoiseSource.seeded(SEED);
        Tensor w0 = whole.gaussian(8, 3), w1 = whole.gaussian(8, 3);
        NoiseSource lower = NoiseSource.seeded(SEED, 0), upper = NoiseSource.seeded(SEED, 4);
        Tensor l0 = lower.gaussian(4, 3), l1 = lower.gaussian(4, 3);
        Tensor u0 = upper.gaussian(4, 3), u1 = upper.gaussian(4, 3);
        assertThat(Tensor.stack(List.of(l0, u0))).isEqualTo(w0);
        assertThat(Tensor.stack(List.of(l1, u1))).isEqualTo(w1);
        assertThat(whole.draws()).isEqualTo(2);

        // a single row anywhere in the batch, and a repeat of the whole run
        NoiseSource single = NoiseSource.seeded(SEED, 5);
        single.gaussian(1, 3);
        assertThat(single.gaussian(1, 3).toArray()).containsExactly(w1.rowValues(5));
        NoiseSource again = NoiseSource.seeded(SEED);
        assertThat(again.gaussian(8, 3)).isEqualTo(w0);
    }

    @Test
    void multiAxisRowsSplitTheSameWay() {
        Tensor whole = NoiseSource.seeded(SEED).gaussian(6, 2, 5);
        assertThat(whole.shape()).containsExactly(6, 2, 5);
        Tensor parts = Tensor.stack(List.of(NoiseSource.seeded(SEED, 0).gaussian(2, 2, 5),
                NoiseSource.seeded(SEED, 2).gaussian(3, 2, 5), NoiseSource.seeded(SEED, 5).gaussian(1, 2, 5)));
        assertThat(parts).isEqualTo(whole);
    }

    @Test
    void differentSeedsRowsAndDrawsDiffer() {
        NoiseSource a = NoiseSource.seeded(1), b = NoiseSource.seeded(2);
        Tensor a0 = a.gaussian(4, 8), b0 = b.gaussian(4, 8), a1 = a.gaussian(4, 8);
        assertThat(a0).isNotEqualTo(b0);
        assertThat(a0).isNotEqualTo(a1);
        assertThat(a0.rowValues(0)).isNotEqualTo(a0.rowValues(1));
        assertThat(a0.maxAbsDistance(b0)).isGreaterThan(0.1);
    }

    @Test
    void valuesAreStandardNormal() {
        NoiseSource noise = NoiseSource.seeded(SEED);
        int rows = 500, d = 101; // odd row size exercises the unpaired Box–Muller value
        double[][] draws = new double[4][];
        for (int k = 0; k < 4; k++) draws[k] = noise.gaussian(rows, d).toArray();
        double[] all = new double[4 * rows * d];
        for (int k = 0; k < 4; k++) System.arraycopy(draws[k], 0, all, k * rows * d, rows * d);
        int n = all.length;
        assertThat(n).isGreaterThanOrEqualTo(200_000);

        double mean = Arrays.stream(all).sum() / n;
        double var = Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        assertThat(mean).isCloseTo(0, within(4 / Math.sqrt(n)));
        assertThat(var).isCloseTo(1, within(4 * Math.sqrt(2.0 / n)));

        // Kolmogorov–Smirnov against Φ; 1.95/√n is the 0.1 % critical value
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        double ks = 0;
        for (int i = 0; i < n; i++) {
            double f = phi(sorted[i]);
            ks = Math.max(ks, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        assertThat(ks).isLessThan(1.95 / Math.sqrt(n));

        // no correlation between neighbouring positions, rows or draws
        int m = rows * d;
        assertThat(correlation(draws[0], 0, draws[0], 1, m - 1)).isCloseTo(0, within(4 / Math.sqrt(m)));
        assertThat(correlation(draws[0], 0, draws[0], d, m - d)).isCloseTo(0, within(4 / Math.sqrt(m)));
        assertThat(correlation(draws[0], 0, draws[1], 0, m)).isCloseTo(0, within(4 / Math.sqrt(m)));
    }

    private static double correlation(double[] x, int ox, double[] y, int oy, int len) {
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < len; i++) {
            sxy += x[ox + i] * y[oy + i];
            sxx += x[ox + i] * x[ox + i];
            syy += y[oy + i] * y[oy + i];
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void replayReturnsRecordedDrawsInOrder() {
        Tensor first = Tensor.full(1, 2, 3), second = Tensor.full(2, 2, 3);
        NoiseSource replay = NoiseSource.replay(List.of(first, second));
        assertThat(replay.draws()).isZero();
        assertThat(replay.gaussian(2, 3)).isEqualTo(first);
        assertThat(replay.gaussian(2, 3)).isEqualTo(second);
        assertThat(replay.draws()).isEqualTo(2);
        assertThatThrownBy(() -> replay.gaussian(2, 3))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("draw 3").hasMessageContaining("2");
    }

    @Test
    void replayRejectsAnotherShape() {
        NoiseSource replay = NoiseSource.replay(List.of(Tensor.zeros(2, 3)));
        assertThatThrownBy(() -> replay.gaussian(3, 2))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThat(replay.draws()).isZero();
        assertThat(replay.gaussian(2, 3)).isEqualTo(Tensor.zeros(2, 3));
    }
}
