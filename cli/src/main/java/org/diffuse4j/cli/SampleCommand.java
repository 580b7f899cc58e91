package org.diffuse4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffuse4j.api.Budget;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.cli.replay.DiffusersConfig;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Samples a benchmark problem with its exact denoiser and writes samples.csv and samples.png.
 * With no arguments: gmm2d-ring, sd-scaled-linear, dpmpp-2m, 20 steps, 2000 samples, seed 42.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Sample a problem and write samples.csv and samples.png.")
final class SampleCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Option(names = "--problem", defaultValue = "gmm2d-ring", description = "Problem: gmm2d-ring (built in) or gmm16 (from problems.json). Default: ${DEFAULT-VALUE}.")
    String problem;

    @Option(names = "--schedule", defaultValue = "sd-scaled-linear",
            description = "Schedule: ddpm-linear, sd-scaled-linear, cosine, rectified-flow, vp-linear, ve. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    /** Whether the user gave {@code option} on the command line (not its default). */
    boolean given(String option) {
        return commandSpec != null && commandSpec.commandLine() != null && commandSpec.commandLine().getParseResult() != null
                && commandSpec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Option(names = "--solver", defaultValue = "dpmpp-2m", description = "Solver id or alias (see `list`). Default: ${DEFAULT-VALUE}"
            + " (with --model of a consistency model: consistency, 2 steps).")
    String solver;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME=VALUE", description = "A solver option (repeatable), e.g. -o solver_type=heun.")
    List<String> options = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "20", description = "Number of steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--nfe", paramLabel = "N", description = "A budget of model calls instead of --steps: the most steps whose calls fit.")
    Integer nfe;

    @Option(names = "--grid", defaultValue = "auto",
            description = "Grid: auto, linspace, leading, trailing (diffusers spacings), karras, logsnr, uniform. Default: ${DEFAULT-VALUE}"
                    + " (linspace on a discrete schedule, trailing from as many steps as training timesteps; uniform on rectified flow; logsnr otherwise).")
    String grid;

    @Option(names = "--final", defaultValue = "zero", description = "Last level: zero (clean data) or sigma-min. Default: ${DEFAULT-VALUE}.")
    String last;

    @Option(names = "--steps-offset", defaultValue = "0", description = "diffusers steps_offset for leading spacing. Default: ${DEFAULT-VALUE}.")
    int stepsOffset;

    @Option(names = "--prediction", defaultValue = "epsilon",
            description = "Target the exact denoiser answers in: epsilon, sample, v_prediction, score, velocity. Default: ${DEFAULT-VALUE}.")
    String prediction;

    @Option(names = "--count", defaultValue = "2000", description = "Number of samples. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of x_T and of the solver's noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: available processors); results do not depend on it.")
    Integer threads;

    @Option(names = "--out", defaultValue = ".", description = "Output directory. Default: the current directory.")
    Path out;

    @Option(names = "--bench", paramLabel = "DIR", description = "Directory of problems.json (for gmm16).")
    String bench;

    @Option(names = "--class", paramLabel = "K", description = "Sample class (mode) K: the label handed to a conditional model, "
            + "or the mixture component steered to by classifier guidance on the exact denoiser.")
    Integer label;

    @Option(names = "--guidance-scale", paramLabel = "W", description = "Guidance scale (diffusers' convention: 1 = plain "
            + "conditional). With --model: classifier-free guidance; otherwise exact classifier guidance. Needs --class.")
    Double guidanceScale;

    @Option(names = "--model", paramLabel = "DIR|NAME",
            description = "Sample a trained model: a SavedModel directory with diffuse4j.json, or a shipped model (ring2d-eps, ring2d-v, "
                    + "ring2d-flow, ring2d-cond, ring2d-cm, digits); schedule, prediction, data shape and problem come from its model card.")
    String model;

    @Option(names = "--diffusers-config", paramLabel = "FILE",
            description = "A diffusers scheduler_config.json: sample with the scheduler a pipeline with that config would run "
                    + "(its class, betas, spacing and options; replaces --schedule, --solver, --grid and --prediction).")
    Path diffusersConfig;

    @Override public Integer call() throws Exception {
        if (count < 1) throw new IllegalArgumentException("count: must be at least 1, got " + count);
        if (model != null) return ModelSampling.run(this);
        GaussianMixture mixture = new Catalog(bench).problem(problem);
        Schedule sched;
        Grid g;
        Prediction target;
        SolverConfig config;
        var registry = main.runtime().registry();
        if (diffusersConfig != null) {
            DiffusersConfig dc = DiffusersConfig.read(diffusersConfig);
            sched = dc.schedule();
            g = dc.setup().grid().build(sched, steps);
            target = dc.setup().modelTarget();
            config = new SolverConfig(g, target, dc.setup().options());
            solver = dc.setup().solverId();
            schedule = dc.className();
            System.out.println("diffusers config " + diffusersConfig.getFileName() + ": " + dc.setup().description()
                    + "; used keys " + dc.usedKeys());
        } else {
            sched = Catalog.schedule(schedule);
            target = Prediction.parse(prediction);
            GridSpec spec = GridSpec.parse(grid, last, stepsOffset);
            SolverOptions parsed = SolverOptions.parse(options);
            if (nfe != null) {
                Schedule sc = sched;
                Prediction tg = target;
                steps = Budget.stepsFor(nfe, k -> registry.create(solver, new SolverConfig(spec.build(sc, k), tg, parsed)));
            }
            if (spec.kind() == GridSpec.Kind.OPTIMISED) {
                g = optimisedGrid(sched, spec, mixture, target, parsed, registry);
            } else {
                g = spec.build(sched, steps);
            }
            config = new SolverConfig(g, target, parsed);
        }
        Solver<?> s = registry.create(solver, config);
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(mixture, target);

        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) throw new IllegalArgumentException("threads: must be at least 1, got " + workers);
        long start = System.nanoTime();
        Progress progress = new Progress(g.steps(), System.err, System.console() != null);
        Conditioning conditioning = Conditioning.NONE;
        Denoiser guided = denoiser;
        if (label != null) {
            if (label < 0 || label >= mixture.components()) {
                throw new org.diffuse4j.api.ConfigurationException("class", label + " is outside 0 … " + (mixture.components() - 1));
            }
            conditioning = Conditioning.classes(label);
            // exact classifier guidance (Dhariwal & Nichol 2021) with the mixture's component posterior as classifier
            double w = guidanceScale == null ? 1.0 : guidanceScale;
            guided = new org.diffuse4j.models.guidance.ClassifierGuidance(denoiser, mixture, w);
        } else if (guidanceScale != null) {
            throw new org.diffuse4j.api.ConfigurationException("guidance-scale", "needs --class K (the class to steer towards)");
        }
        Tensor samples = sample(s, guided, conditioning, new int[] {mixture.dimension()}, g.from(0), workers, progress);
        progress.done();
        double seconds = (System.nanoTime() - start) / 1e9;

        Files.createDirectories(out);
        Path csv = out.resolve("samples.csv");
        writeCsv(samples, csv);
        Path png = out.resolve("samples.png");
        String title = problem + " · " + registry.id(solver) + " · " + g.steps() + " steps · " + schedule;
        ScatterPlot.write(samples, mixture, title, png);

        int nfe = s.totalModelCalls();
        System.out.printf("%s: %d samples of %s, %s schedule, %s grid (%d steps, %d model calls) in %.3f s%n",
                registry.id(solver), count, problem, schedule, diffusersConfig != null ? "the config's" : GridSpec.parse(grid, last, stepsOffset).describe(),
                g.steps(), nfe, seconds);
        System.out.printf("mean distance to nearest mode %.4f (exact samples: %.4f)%n", Metrics.meanNearestModeDistance(samples, mixture),
                Metrics.meanNearestModeDistance(mixture.sample(count, seed), mixture));
        System.out.printf("mode-weight total variation %.4f%n", Metrics.modeWeightTotalVariation(samples, mixture));
        System.out.println("wrote " + csv + " and " + png);
        return 0;
    }

    /**
     * The grid optimised for this solver and problem (GridOptimizer): 64 pilot rows from another seed, tuned
     * against an 8×-steps solution of the same solver.
     */
    private Grid optimisedGrid(Schedule sched, GridSpec spec, GaussianMixture mixture, Prediction target, SolverOptions parsed,
                               org.diffuse4j.runtime.SolverRegistry registry) {
        boolean toData = spec.toZero() && !sched.at(sched.tMin()).isClean();
        double tEnd = sched.family() == org.diffuse4j.api.ScheduleFamily.DISCRETE_VP || sched.family() == org.diffuse4j.api.ScheduleFamily.VE
                ? sched.tMin() : 1e-3;
        var optimizer = new org.diffuse4j.api.grid.GridOptimizer(sched, sched.tMax(), tEnd, toData);
        var first = sched.at(sched.tMax());
        Tensor pilot = NoiseSource.seeded(seed + 1).gaussian(64, mixture.dimension())
                .scale(Math.sqrt(first.alpha() * first.alpha() + first.sigma() * first.sigma()));
        var r = optimizer.optimise(steps, g -> registry.create(solver, new SolverConfig(g, target, parsed)),
                new GaussianMixtureDenoiser(mixture, target), pilot, 8 * steps, 400);
        System.out.printf("optimised grid: pilot RMSE %.3e (uniform λ: %.3e)%n", r.optimisedError(), r.uniformError());
        return r.grid();
    }

    /**
     * Samples of shape [count, shape…] in row chunks on several threads; counter-based noise makes the result
     * independent of the chunking.
     */
    Tensor sample(Solver<?> s, Denoiser denoiser, Conditioning conditioning, int[] shape, NoiseLevel first, int workers, Progress progress)
            throws InterruptedException, ExecutionException {
        int chunks = Math.min(count, Math.max(1, workers * 4));
        int per = (count + chunks - 1) / chunks;
        double scale = Math.sqrt(first.alpha() * first.alpha() + first.sigma() * first.sigma()); // x_T ~ N(0, (α²+σ²) I)
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Tensor>> parts = new ArrayList<>();
            for (int from = 0; from < count; from += per) {
                int rows = Math.min(per, count - from);
                long offset = from;
                parts.add(pool.submit(() -> {
                    NoiseSource noise = NoiseSource.seeded(seed, offset);
                    int[] dims = new int[shape.length + 1];
                    dims[0] = rows;
                    System.arraycopy(shape, 0, dims, 1, shape.length);
                    Tensor xT = noise.gaussian(dims).scale(scale); // draw 0 is x_T; the solver's draws follow
                    SamplingResult r = Sampler.sample(s, denoiser, xT, noise,
                            SamplingOptions.DEFAULT.withConditioning(conditioning).withListener(progress::onStep));
                    return r.samples();
                }));
            }
            List<Tensor> out = new ArrayList<>();
            for (Future<Tensor> f : parts) out.add(f.get());
            return Tensor.stack(out);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    static void writeCsv(Tensor samples, Path csv) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            int d = samples.rowSize();
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < d; j++) header.append(j == 0 ? "" : ",").append("x").append(j + 1);
            w.write(header.append('\n').toString());
            for (int i = 0; i < samples.rows(); i++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < d; j++) line.append(j == 0 ? "" : ",").append(samples.get(i, j));
                w.write(line.append('\n').toString());
            }
        }
    }

    /** A one-line progress bar on stderr, on a terminal, for runs long enough to need one (over half a second). */
    static final class Progress {
        private final int steps;
        private final PrintStream err;
        private final long start = System.nanoTime();
        private final AtomicInteger best = new AtomicInteger();
        private final boolean enabled;
        private volatile boolean shown;

        Progress(int steps, PrintStream err, boolean enabled) {
            this.steps = steps;
            this.err = err;
            this.enabled = enabled;
        }

        void onStep(org.diffuse4j.api.StepEvent e) {
            if (!enabled) return;
            int done = e.index() + 1;
            if (best.accumulateAndGet(done, Math::max) != done) return;
            if (System.nanoTime() - start < 500_000_000L) return;
            shown = true;
            int width = 30, filled = done * width / steps;
            synchronized (err) {
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] step " + done + "/" + steps);
            }
        }

        void done() {
            if (shown) err.println();
        }
    }
}
