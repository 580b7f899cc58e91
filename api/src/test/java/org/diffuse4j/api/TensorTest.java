package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {
    private static final int[] SHAPE = {3, 2, 5};

    private static Tensor random(Random rng, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = rng.nextGaussian() * 3;
        return Tensor.of(shape, d);
    }

    @Test
    void combineOfTwoThreeAndFourTermsMatchesElementwiseLoops() {
        Random rng = new Random(1);
        Tensor x = random(rng, SHAPE), y = random(rng, SHAPE), z = random(rng, SHAPE), w = random(rng, SHAPE);
        double a = 0.7, b = -1.3, c = 2.5, d = -0.01;
        double[] xs = x.toArray(), ys = y.toArray(), zs = z.toArray(), ws = w.toArray();
        double[] e2 = new double[xs.length], e3 = new double[xs.length], e4 = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            e2[i] = a * xs[i] + b * ys[i];
            e3[i] = a * xs[i] + b * ys[i] + c * zs[i];
            e4[i] = a * xs[i] + b * ys[i] + c * zs[i] + d * ws[i];
        }
        Tensor r2 = Tensor.combine(a, x, b, y);
        Tensor r3 = Tensor.combine(a, x, b, y, c, z);
        Tensor r4 = Tensor.combine(a, x, b, y, c, z, d, w);
        assertThat(r2.shape()).containsExactly(SHAPE);
        assertThat(r3.shape()).containsExactly(SHAPE);
        assertThat(r4.shape()).containsExactly(SHAPE);
        assertThat(r2.toArray()).containsExactly(e2, within(1e-13));
        assertThat(r3.toArray()).containsExactly(e3, within(1e-13));
        assertThat(r4.toArray()).containsExactly(e4, within(1e-13));
    }

    @Test
    void arrayCombineMatchesElementwiseLoopForManyTerms() {
        Random rng = new Random(2);
        int k = 6;
        Tensor[] terms = new Tensor[k];
        double[] coefficients = new double[k];
        for (int j = 0; j < k; j++) {
            terms[j] = random(rng, SHAPE);
            coefficients[j] = rng.nextDouble() * 4 - 2;
        }
        double[] expected = new double[terms[0].size()];
        for (int i = 0; i < expected.length; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) s += coefficients[j] * terms[j].get(i);
            expected[i] = s;
        }
        Tensor out = Tensor.combine(coefficients, terms);
        assertThat(out.shape()).containsExactly(SHAPE);
        assertThat(out.toArray()).containsExactly(expected, within(1e-13));
    }

    @Test
    void scalePlusMinusTimesAndReductionsMatchLoops() {
        Random rng = new Random(3);
        Tensor x = random(rng, 4, 3), y = random(rng, 4, 3);
        double sum = 0, maxAbs = 0, maxDist = 0, sq = 0;
        for (int i = 0; i < x.size(); i++) {
            assertThat(x.scale(-2).get(i)).isEqualTo(-2 * x.get(i));
            assertThat(x.plus(y).get(i)).isEqualTo(x.get(i) + y.get(i));
            assertThat(x.minus(y).get(i)).isEqualTo(x.get(i) - y.get(i));
            assertThat(x.times(y).get(i)).isEqualTo(x.get(i) * y.get(i));
            assertThat(x.clamp(-1, 1).get(i)).isEqualTo(Math.max(-1, Math.min(1, x.get(i))));
            sum += x.get(i);
            maxAbs = Math.max(maxAbs, Math.abs(x.get(i)));
            double diff = x.get(i) - y.get(i);
            maxDist = Math.max(maxDist, Math.abs(diff));
            sq += diff * diff;
        }
        assertThat(x.sum()).isCloseTo(sum, within(1e-12));
        assertThat(x.maxAbs()).isEqualTo(maxAbs);
        assertThat(x.maxAbsDistance(y)).isEqualTo(maxDist);
        assertThat(x.rmsDistance(y)).isCloseTo(Math.sqrt(sq / x.size()), within(1e-12));
    }

    @Test
    void combineWithMismatchedShapesNamesBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(3, 2), c = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> Tensor.combine(1, a, 1, b))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Tensor.combine(1, a, 1, c, 1, b))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Tensor.combine(1, a, 1, c, 1, c, 1, b))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Tensor.combine(new double[] {1, 1}, new Tensor[] {a, b}))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> a.times(b))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> a.reshape(4, 2))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Tensor.stack(List.of(a, Tensor.zeros(1, 2))))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[1, 2]");
    }

    @Test
    void invalidConstructionIsRejected() {
        assertThatThrownBy(() -> Tensor.of(new int[] {2, 2}, new double[3]))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 2]").hasMessageContaining("3");
        assertThatThrownBy(() -> Tensor.zeros()).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.zeros(2, 0)).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}})).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.combine(new double[] {1}, new Tensor[] {Tensor.zeros(1), Tensor.zeros(1)}))
                .isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.stack(List.of())).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.zeros(3, 2).slice(2, 4)).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Tensor.zeros(3, 2).slice(2, 2)).isInstanceOf(ShapeMismatchException.class);
    }

    @Test
    void tensorIsImmutableThroughInputsAndOutputs() {
        double[] data = {1, 2, 3, 4, 5, 6};
        int[] shape = {2, 3};
        Tensor t = Tensor.of(shape, data);
        data[0] = 99;
        shape[0] = 1;
        assertThat(t.get(0)).isEqualTo(1);
        assertThat(t.shape()).containsExactly(2, 3);

        t.toArray()[1] = 99;
        t.shape()[1] = 7;
        t.rowValues(0)[2] = 99;
        t.toRows()[1][0] = 99;
        assertThat(t.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.shape()).containsExactly(2, 3);

        double[][] rows = {{1, 2}, {3, 4}};
        Tensor r = Tensor.of(rows);
        rows[1][1] = 99;
        assertThat(r.get(1, 1)).isEqualTo(4);

        Tensor before = Tensor.of(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        t.scale(5);
        Tensor.combine(2, t, 3, t);
        t.reshape(3, 2);
        assertThat(t).isEqualTo(before);
    }

    @Test
    void sliceRowAndStackRoundTrip() {
        Tensor t = random(new Random(4), 5, 2, 3);
        assertThat(t.rows()).isEqualTo(5);
        assertThat(t.rowSize()).isEqualTo(6);
        Tensor rebuilt = Tensor.stack(List.of(t.slice(0, 2), t.row(2), t.slice(3, 5)));
        assertThat(rebuilt).isEqualTo(t);
        assertThat(rebuilt.hashCode()).isEqualTo(t.hashCode());
        Tensor row3 = t.row(3);
        assertThat(row3.shape()).containsExactly(1, 2, 3);
        assertThat(row3.toArray()).containsExactly(t.rowValues(3));
        for (int j = 0; j < 6; j++) assertThat(t.get(3, j)).isEqualTo(t.get(3 * 6 + j));
        assertThat(Tensor.of(t.toRows()).reshape(5, 2, 3)).isEqualTo(t);
    }

    @Test
    void firstNonFiniteFindsNaNAndInfinity() {
        assertThat(Tensor.full(1.5, 2, 2).firstNonFinite()).isEqualTo(-1);
        assertThat(Tensor.full(1.5, 2, 2).isFinite()).isTrue();
        assertThat(Tensor.of(new int[] {4}, new double[] {0, 1, Double.NaN, Double.POSITIVE_INFINITY}).firstNonFinite()).isEqualTo(2);
        assertThat(Tensor.of(new int[] {2}, new double[] {0, Double.NEGATIVE_INFINITY}).isFinite()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void finitenessSeesEveryLaneAndTheRemainder() {
        for (int n : new int[] {1, 3, 4, 7, 16, 17}) {
            double[] ok = new double[n];
            java.util.Arrays.fill(ok, -Double.MAX_VALUE);
            assertThat(Tensor.of(new int[] {n}, ok).isFinite()).as("n = " + n).isTrue();
            for (int bad = 0; bad < n; bad++) {
                for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double[] d = ok.clone();
                    d[bad] = v;
                    assertThat(Tensor.of(new int[] {n}, d).isFinite()).as("n = " + n + ", " + v + " at " + bad).isFalse();
                }
            }
        }
    }

    @Test
    void finitenessDerivedFromOperandsNeverHidesANaNOrAnOverflow() {
        Tensor x = Tensor.of(new int[] {2, 3}, new double[] {1, -2, 3, 0.5, 4, -1});
        Tensor nan = Tensor.of(new int[] {2, 3}, new double[] {1, 2, Double.NaN, 4, 5, 6});
        assertThat(x.isFinite()).isTrue();
        // every derived result agrees with an element-by-element scan of its values
        java.util.List<Tensor> derived = java.util.List.of(
                Tensor.combine(2, x, -3, x), Tensor.combine(1, x, 1, nan), Tensor.combine(0, x, 0, nan),
                Tensor.combine(Double.NaN, x, 1, x), Tensor.combine(Double.POSITIVE_INFINITY, x, 1, x),
                Tensor.combine(1e308, x, 1e308, x), Tensor.combine(1e308, x, -1e308, x, 1e308, x),
                Tensor.combine(1, x, 1, x, 1, x, Double.MAX_VALUE, x), Tensor.combine(new double[] {1e308, 1e308}, new Tensor[] {x, x}),
                x.scale(1e308), x.scale(Double.NaN), x.times(x.scale(1e306)), nan.clamp(-1, 1), x.clamp(-1, 1),
                x.scale(1e307).reshape(3, 2).scale(100), Tensor.stack(java.util.List.of(x, nan)), Tensor.stack(java.util.List.of(x, x)),
                Tensor.stack(java.util.List.of(x, nan)).slice(0, 2), Tensor.full(Double.NaN, 2), Tensor.full(Double.MAX_VALUE, 3).scale(2),
                Tensor.of(new int[] {3}, new double[] {1e200, -1e250, Double.MAX_VALUE}), NoiseSource.seeded(3).gaussian(64, 64).scale(1e299));
        for (Tensor t : derived) {
            assertThat(t.isFinite()).as(t.toString()).isEqualTo(t.firstNonFinite() < 0);
            assertThat(t.isFinite()).as("cached " + t).isEqualTo(t.firstNonFinite() < 0);
        }
        // a finite tensor whose squares overflow is still finite
        assertThat(Tensor.of(new int[] {3}, new double[] {1e200, -1e250, Double.MAX_VALUE}).isFinite()).isTrue();
    }

    @Test
    void seededNoiseNeverExceedsItsDeclaredBound() {
        Tensor z = NoiseSource.seeded(11).gaussian(200, 1000);
        assertThat(z.maxAbs()).isLessThan(8.6);
        assertThat(Math.sqrt(-2 * Math.log(Math.pow(2, -53)))).isLessThan(8.6);
    }

    @Test
    void combinePairIsBitIdenticalToTwoCombinations() {
        NoiseSource noise = NoiseSource.seeded(9);
        Tensor[] v = new Tensor[6];
        for (int k = 0; k < v.length; k++) v[k] = noise.gaussian(3, 700); // 2100 values: four blocks and a remainder
        double[] c1 = {0.9, -1.7, 0.3, 2.5e-3, 1.1};
        Tensor[] t1 = {v[0], v[1], v[2], v[3], v[4]};
        double[] c2 = {1.3, 0.2, -0.4, 7.0};
        Tensor[] t2 = {null, v[4], v[1], v[5]};
        Tensor[] pair = Tensor.combinePair(c1, t1, c2, t2);
        Tensor first = Tensor.combine(c1, t1);
        Tensor second = Tensor.combine(c2, new Tensor[] {first, v[4], v[1], v[5]});
        assertThat(pair[0]).isEqualTo(first);
        assertThat(pair[1]).isEqualTo(second);
        assertThat(pair[1].isFinite()).isTrue();
        assertThatThrownBy(() -> Tensor.combinePair(new double[7], new Tensor[7], c2, t2)).isInstanceOf(ShapeMismatchException.class);
    }

    @Test
    void manyTermCombinationsAddOneTermAtATimeLeftToRight() {
        NoiseSource noise = NoiseSource.seeded(12);
        for (int terms = 1; terms <= 14; terms++) {
            double[] c = new double[terms];
            Tensor[] t = new Tensor[terms];
            for (int k = 0; k < terms; k++) {
                c[k] = Math.pow(-1.37, k) / (k + 1);
                t[k] = noise.gaussian(2, 9);
            }
            double[] expected = new double[18];
            for (int i = 0; i < 18; i++) {
                double v = c[0] * t[0].get(i);
                for (int k = 1; k < terms; k++) v = v + c[k] * t[k].get(i);
                expected[i] = v;
            }
            assertThat(Tensor.combine(c, t).toArray()).as(terms + " terms").containsExactly(expected);
        }
    }
}
