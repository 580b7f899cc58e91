package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernels split over cores ({@link Parallel}): every index is computed exactly once, results are
 * bit-identical to a plain loop however the work was split, a failure in a helper's part reaches the caller, and
 * threads calling at once each get their own right answer.
 */
class ParallelTest {
    private static Tensor random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return Tensor.of(new int[] {1, n}, v);
    }

    @Test
    void byDefaultEveryProcessorUpToFourTakesPart() {
        assertThat(System.getProperty("diffuse4j.kernelThreads")).isNull(); // the build sets none
        assertThat(Tensor.kernelThreads()).isEqualTo(Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void everyIndexIsVisitedExactlyOnce() {
        for (int n : new int[] {1, 7, Parallel.MIN_VALUES - 1, Parallel.MIN_VALUES, Parallel.MIN_VALUES + 1, 16_384, 100_003}) {
            int[] visits = new int[n];
            Parallel.run(n, (lo, hi) -> {
                for (int i = lo; i < hi; i++) visits[i]++;
            });
            for (int i = 0; i < n; i++) assertThat(visits[i]).as("n = %d, index %d", n, i).isEqualTo(1);
        }
    }

    @Test
    void largeCombinationsEqualAPlainLoopBitForBit() {
        for (int n : new int[] {Parallel.MIN_VALUES + 3, 16_384, 65_541}) {
            Tensor x = random(n, 1), y = random(n, 2), z = random(n, 3), w = random(n, 4);
            double a = 0.3, b = -1.7, c = 2.25, d = 1e-3;
            double[] xs = x.toArray(), ys = y.toArray(), zs = z.toArray(), ws = w.toArray();
            double[] two = new double[n], four = new double[n], scaled = new double[n], product = new double[n];
            for (int i = 0; i < n; i++) {
                two[i] = a * xs[i] + b * ys[i];
                four[i] = a * xs[i] + b * ys[i] + c * zs[i] + d * ws[i];
                scaled[i] = c * xs[i];
                product[i] = xs[i] * ys[i];
            }
            assertThat(Tensor.combine(a, x, b, y).toArray()).isEqualTo(two);
            assertThat(Tensor.combine(a, x, b, y, c, z, d, w).toArray()).isEqualTo(four);
            assertThat(x.scale(c).toArray()).isEqualTo(scaled);
            assertThat(x.times(y).toArray()).isEqualTo(product);
            Tensor[] pair = Tensor.combinePair(new double[] {a, b, c}, new Tensor[] {x, y, z}, new double[] {d, a}, new Tensor[] {null, w});
            double[] second = new double[n];
            for (int i = 0; i < n; i++) second[i] = d * (a * xs[i] + b * ys[i] + c * zs[i]) + a * ws[i];
            assertThat(pair[1].toArray()).isEqualTo(second);
        }
    }

    @Test
    void aFailureInAnyPartReachesTheCaller() {
        int n = 64 * Parallel.MIN_VALUES;
        assertThatThrownBy(() -> Parallel.run(n, (lo, hi) -> {
            if (hi == n) throw new IllegalStateException("part ending at " + hi);
        })).isInstanceOf(IllegalStateException.class).hasMessage("part ending at " + n);
        assertThatThrownBy(() -> Parallel.run(n, (lo, hi) -> { // the caller's own part
            if (lo == 0) throw new IllegalArgumentException("first part");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("first part");
        int[] visits = new int[n]; // and the next call runs normally
        Parallel.run(n, (lo, hi) -> {
            for (int i = lo; i < hi; i++) visits[i]++;
        });
        assertThat(java.util.Arrays.stream(visits).allMatch(v -> v == 1)).isTrue();
    }

    @Test
    void concurrentCallersEachGetTheirOwnResult() throws Exception {
        int n = 16_384;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 10 + t;
                checks.add(pool.submit(() -> {
                    Tensor x = random(n, seed), y = random(n, seed + 100);
                    double[] xs = x.toArray(), ys = y.toArray(), expected = new double[n];
                    for (int i = 0; i < n; i++) expected[i] = 0.5 * xs[i] - 2 * ys[i];
                    for (int rep = 0; rep < 200; rep++) {
                        if (!java.util.Arrays.equals(Tensor.combine(0.5, x, -2, y).toArray(), expected)) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : checks) assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
