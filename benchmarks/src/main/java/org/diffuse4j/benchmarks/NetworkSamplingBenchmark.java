package org.diffuse4j.benchmarks;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.djl.SavedModelConfig;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.models.djl.TensorFlowEngine;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sampling with a shipped network (default {@code ring2d-eps}; dpmpp-2m, 20 steps on the CLI's default grid,
 * one thread) and how much of its wall time is the network.
 * <ul>
 *   <li>{@code sample}: one {@link Sampler#sample} of {@code batch} rows through {@link SavedModelDenoiser}
 *       (ms per run; the aux counter {@code perSample} is the time per sample). While it runs, the aux counters sum
 *       the wall time of the sampling calls ({@code sampleMs}), the time inside the denoiser's {@code predict}
 *       (a timing wrapper, {@code denoiserMs}) and the time inside TensorFlow ({@link SavedModelDenoiser#networkNanos()},
 *       {@code networkMs}) over the {@code networkCalls} forwards: the shares networkMs / sampleMs and
 *       denoiserMs / sampleMs are measured on the same calls, so the machine's load largely cancels out.</li>
 *   <li>{@code forward}: the run's 20 forwards replayed through DJL with nothing around them (float32 inputs
 *       recorded in advance; ms per forward): the floor any JVM caller of the network pays.</li>
 * </ul>
 * {@link NetworkSamplingReport} runs both and prints the figures as a table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class NetworkSamplingBenchmark {
    static final int STEPS = 20;

    /** A shipped model without conditioning or preconditioning: ring2d-eps, ring2d-v or ring2d-flow. */
    @Param({"ring2d-eps"})
    public String model;

    /** Rows per sampling run (and per network call: below the denoiser's chunk size of 4096 there is one call per step). */
    @Param({"256", "2000", "4000"})
    public int batch;

    private SavedModelDenoiser denoiser;
    private Timed timed;
    private Solver<?> solver;
    private Tensor xT;
    private BareNetwork network;
    private float[][] forwardX;
    private float[] forwardTau;

    /** Per-thread counters JMH reports beside the primary figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples {
        /** Samples drawn: in average-time mode JMH reports time per sample. */
        public long perSample;

        @Setup(Level.Iteration) public void reset() { perSample = 0; }
    }

    /** Wall time of the sampling calls and the parts of it inside the denoiser and inside TensorFlow (ms, summed). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public double sampleMs;
        public double denoiserMs;
        public double networkMs;
        public long networkCalls;

        @Setup(Level.Iteration) public void reset() {
            sampleMs = 0;
            denoiserMs = 0;
            networkMs = 0;
            networkCalls = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Path dir = ShippedModels.resolve(model);
        ModelCard card = ModelCards.read(dir);
        SavedModelConfig config = SavedModelConfig.fromCard(card);
        if (config.conditioning() != null || config.preconditioning() != null) {
            throw new ConfigurationException("model", "the benchmark feeds the bare network x and τ only; '" + model
                    + "' is conditioned or preconditioned (use ring2d-eps, ring2d-v or ring2d-flow)");
        }
        Schedule schedule = card.schedule().build();
        Grid grid = defaultGrid(schedule, STEPS);
        solver = provider("dpmpp-2m").create(SolverConfig.of(grid, card.target()));
        denoiser = SavedModelDenoiser.open(dir);
        timed = new Timed(denoiser);
        NoiseLevel first = grid.from(0);
        int[] shape = new int[card.shape().length + 1];
        shape[0] = batch;
        System.arraycopy(card.shape(), 0, shape, 1, card.shape().length);
        xT = NoiseSource.seeded(1).gaussian(shape).scale(Math.hypot(first.alpha(), first.sigma()));

        List<float[]> recordedX = new ArrayList<>();
        List<Float> recordedTau = new ArrayList<>();
        Denoiser recorder = new Denoiser() {          // one run to record the network's inputs for forward
            @Override public Prediction target() { return denoiser.target(); }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                double[] xs = x.toArray();            // copied during the call: the loop recycles x afterwards
                float[] f = new float[xs.length];
                for (int j = 0; j < xs.length; j++) f[j] = (float) xs[j];
                recordedX.add(f);
                recordedTau.add((float) config.time().value(level));
                return denoiser.predict(x, level, c);
            }
        };
        Sampler.sample(solver, recorder, xT, NoiseSource.seeded(2));
        if (recordedX.size() != STEPS) throw new IllegalStateException("expected " + STEPS + " model calls, got " + recordedX.size());
        forwardX = recordedX.toArray(float[][]::new);
        forwardTau = new float[STEPS];
        for (int i = 0; i < STEPS; i++) forwardTau[i] = recordedTau.get(i);
        network = new BareNetwork(dir, config, shape);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (network != null) network.close();
        if (denoiser != null) denoiser.close();
    }

    /** One 20-step sampling run of {@code batch} rows (ms per run; {@code perSample}: ms per sample). */
    @Benchmark
    public Tensor sample(Samples samples, Split split) {
        long d0 = timed.nanos;
        long n0 = denoiser.networkNanos();
        long c0 = denoiser.networkCalls();
        long t0 = System.nanoTime();
        Tensor out = Sampler.sample(solver, timed, xT, NoiseSource.seeded(2)).samples();
        split.sampleMs += (System.nanoTime() - t0) / 1e6;
        split.denoiserMs += (timed.nanos - d0) / 1e6;
        split.networkMs += (denoiser.networkNanos() - n0) / 1e6;
        split.networkCalls += denoiser.networkCalls() - c0;
        samples.perSample += batch;
        return out;
    }

    /** The run's 20 bare TensorFlow forwards, float32 inputs prepared in advance (ms per forward). */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public float forward() {
        float acc = 0;
        for (int i = 0; i < STEPS; i++) acc += network.forward(forwardX[i], forwardTau[i])[0];
        return acc;
    }

    /** The CLI's default grid for a discrete schedule: diffusers' linspace multistep timesteps, then σ = 0. */
    static Grid defaultGrid(Schedule schedule, int steps) {
        if (!(schedule instanceof DiscreteVpSchedule d)) {
            throw new ConfigurationException("model", "the benchmark uses discrete-time (timestep) models; got " + schedule);
        }
        double[] ts = TimestepSpacing.LINSPACE.multistepTimesteps(d.trainSteps(), d.trainSteps(), steps, 0);
        return Grids.sigmaInterpolated(d, ts, 0);
    }

    static SolverProvider provider(String name) {
        return ServiceLoader.load(SolverProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("solver '" + name + "' is not installed"));
    }

    /** Times every call of the wrapped denoiser (single-threaded use). */
    static final class Timed implements Denoiser {
        private final Denoiser inner;
        long nanos;

        Timed(Denoiser inner) { this.inner = inner; }

        @Override public Prediction target() { return inner.target(); }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
            long t0 = System.nanoTime();
            try {
                return inner.predict(x, level, c);
            } finally {
                nanos += System.nanoTime() - t0;
            }
        }
    }

    /**
     * The same SavedModel loaded a second time and run through DJL with nothing around it: float32 x and τ in,
     * float32 out, one sub-manager per call. The floor any JVM caller of DJL pays per forward.
     */
    static final class BareNetwork implements AutoCloseable {
        private final Model model;
        private final SymbolBlock block;
        private final String[] inputs;
        private final boolean[] isX;
        private final boolean scalarTime;
        private final int outputIndex;
        private final Shape xShape;
        private final int rows;

        BareNetwork(Path dir, SavedModelConfig config, int[] shape) {
            Path abs = dir.toAbsolutePath().normalize();
            model = Model.newInstance(abs.getFileName() + "-bare", TensorFlowEngine.get().getEngineName());
            try {
                model.load(abs, null, Map.of("SignatureDefKey", config.signature().key()));
            } catch (IOException | MalformedModelException e) {
                model.close();
                throw new IllegalStateException("cannot load " + abs + ": " + e.getMessage(), e);
            }
            block = (SymbolBlock) model.getBlock();
            PairList<String, Shape> in = block.describeInput();
            inputs = in.keys().toArray(String[]::new);
            isX = new boolean[inputs.length];
            boolean scalar = false;
            for (int i = 0; i < inputs.length; i++) {
                isX[i] = inputs[i].equals(config.signature().x());
                if (inputs[i].equals(config.signature().time())) scalar = in.get(i).getValue().dimension() == 0;
            }
            scalarTime = scalar;
            outputIndex = block.describeOutput().keys().indexOf(config.signature().output());
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) dims[i] = shape[i];
            xShape = new Shape(dims);
            rows = shape[0];
        }

        float[] forward(float[] x, float tau) {
            try (NDManager call = model.getNDManager().newSubManager()) {
                NDArray[] in = new NDArray[inputs.length];
                for (int i = 0; i < in.length; i++) {
                    NDArray a;
                    if (isX[i]) {
                        a = call.create(x, xShape);
                    } else if (scalarTime) {
                        a = call.create(tau);
                    } else {
                        float[] t = new float[rows];
                        java.util.Arrays.fill(t, tau);
                        a = call.create(t);
                    }
                    a.setName(inputs[i]);
                    in[i] = a;
                }
                NDList out = block.forward(new ParameterStore(call, false), new NDList(in), false);
                return out.get(outputIndex).toFloatArray();
            }
        }

        @Override public void close() { model.close(); }
    }
}
