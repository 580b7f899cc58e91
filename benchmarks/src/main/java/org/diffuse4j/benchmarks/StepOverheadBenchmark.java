package org.diffuse4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-step overhead of the sampling loop plus a solver's arithmetic, with a trivial denoiser (x̂₀ = x, no
 * network), so the figure is everything diffuse4j adds around a network call: the conversion to the solver's
 * target, the finiteness checks, and the solver's fused update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepOverheadBenchmark {
    static final int STEPS = 20;

    /** A solver id, optionally with options: {@code unipc:solver_order=2} (diffusers' default order). */
    @Param({"ddim", "euler", "dpmpp-2m", "unipc"})
    public String solver;

    @Param({"1x4x64x64", "4x4x128x128"})
    public String shape;

    private Solver<?> instance;
    private Tensor xT;
    private Denoiser identity;

    @Setup(Level.Trial)
    public void setUp() {
        DiscreteVpSchedule schedule = DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));
        Grid grid = Grids.uniformLambda(schedule, STEPS, schedule.tMax(), schedule.tMin());
        String[] idAndOptions = solver.split(":", 2);
        SolverProvider provider = NetworkSamplingBenchmark.provider(idAndOptions[0]);
        SolverOptions options = idAndOptions.length == 1 ? SolverOptions.NONE : SolverOptions.parse(java.util.List.of(idAndOptions[1].split(",")));
        instance = provider.create(SolverConfig.of(grid, Prediction.DATA).withOptions(options));
        int[] dims = java.util.Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        xT = NoiseSource.seeded(1).gaussian(dims);
        identity = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return x; }
        };
    }

    /** One 20-step run; the reported time is per step. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Tensor sample() {
        return Sampler.sample(instance, identity, xT, NoiseSource.seeded(2)).samples();
    }
}
