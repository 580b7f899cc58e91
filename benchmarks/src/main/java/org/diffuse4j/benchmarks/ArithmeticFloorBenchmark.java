package org.diffuse4j.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The arithmetic of one solver step alone, as plain single-threaded Java loops over preallocated arrays, with the
 * operand counts of the solvers in {@link StepOverheadBenchmark}: DDIM / Euler x' = a·x + b·x̂₀ (two reads, one
 * write), DPM-Solver++(2M) three reads, UniPC (order 3, the default) a five-term corrector and a four-term
 * predictor from the corrected sample (five reads, two writes). Run it next to {@code StepOverhead} with
 * {@code -jvmArgs -Ddiffuse4j.kernelThreads=1}: the difference is what the sampling loop and the solver add beyond
 * the unavoidable arithmetic and memory traffic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArithmeticFloorBenchmark {
    @Param({"ddim", "dpmpp-2m", "unipc"})
    public String solver;

    @Param({"1x4x64x64"})
    public String shape;

    private double[] x, m0, m1, m2, m3, out1, out2;

    @Setup(Level.Trial)
    public void setUp() {
        int n = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).reduce(1, (a, b) -> a * b);
        Random r = new Random(1);
        x = gaussian(r, n);
        m0 = gaussian(r, n);
        m1 = gaussian(r, n);
        m2 = gaussian(r, n);
        m3 = gaussian(r, n);
        out1 = new double[n];
        out2 = new double[n];
    }

    private static double[] gaussian(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    /** One step's arithmetic. */
    @Benchmark
    public double[] step() {
        double[] x = this.x, m0 = this.m0, m1 = this.m1, m2 = this.m2, m3 = this.m3, o1 = out1, o2 = out2;
        int n = x.length;
        switch (solver) {
            case "ddim" -> {
                for (int i = 0; i < n; i++) o1[i] = 0.9 * x[i] + 0.1 * m0[i];
            }
            case "dpmpp-2m" -> {
                for (int i = 0; i < n; i++) o1[i] = 0.9 * x[i] + 0.15 * m0[i] - 0.05 * m1[i];
            }
            default -> {
                for (int lo = 0; lo < n; lo += 512) { // blocked as Tensor.combinePair: the corrector, then the predictor from it
                    int hi = Math.min(n, lo + 512);
                    for (int i = lo; i < hi; i++) o1[i] = 0.9 * x[i] + 0.1 * m0[i] - 0.05 * m1[i] + 0.02 * m2[i] + 0.03 * m3[i];
                    for (int i = lo; i < hi; i++) o2[i] = 0.95 * o1[i] + 0.04 * m3[i] + 0.01 * m0[i] - 0.02 * m1[i];
                }
            }
        }
        return o1;
    }
}
