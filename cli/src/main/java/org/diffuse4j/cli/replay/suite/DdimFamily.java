package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * diffusers' DDIM family: {@code DDIMScheduler}, {@code DDIMParallelScheduler} (its {@code step} and its
 * {@code batch_step_no_noise}) and {@code DDIMInverseScheduler}, all run by the {@code ddim} solver.
 */
final class DdimFamily {
    private DdimFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("DDIMScheduler", DdimFamily::ddim);
        r.add("DDIMParallelScheduler", DdimFamily::ddimParallel);
        r.add("DDIMInverseScheduler", DdimFamily::ddimInverse);
    }

    /** The configuration of DDIMScheduler / DDIMParallelScheduler. */
    private record Config(DiscreteVpSchedule schedule, TimestepSpacing spacing, int offset, boolean setAlphaToOne,
                          Prediction target, SolverOptions options) {}

    private static Config config(SuiteCase c, SuiteContext ctx, boolean useClippedModelOutput) {
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        DiscreteVpSchedule s = DiffusersSchedule.read(k, DiffusersSchedule.ZeroSnrEnd.ZERO);
        boolean clip = k.bool("clip_sample", true);
        double clipRange = k.real("clip_sample_range", 1.0);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        boolean setAlphaToOne = k.bool("set_alpha_to_one", true);
        int offset = k.integer("steps_offset", 0);
        Prediction target = Diffusers.prediction(k);
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "leading", "linspace", "leading", "trailing"));
        k.finish();
        SolverOptions options = new Diffusers.Options(ctx, "ddim")
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .flag("clip_sample", clip && !thresholding)
                .putIf(clip && !thresholding, "clip_sample_range", clipRange)
                .flag("use_clipped_model_output", useClippedModelOutput && (clip || thresholding))
                .build();
        return new Config(s, spacing, offset, setAlphaToOne, target, options);
    }

    private static Tensor ddim(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c, "eta", "use_clipped_model_output");
        if (c.procedure().eta() != 0) {
            throw new ReplayException("step(eta=" + c.procedure().eta() + ") is DDIM's stochastic variant; the ddim solver is η = 0");
        }
        var u = c.procedure().stepExtraArgs() == null ? null : c.procedure().stepExtraArgs().get("use_clipped_model_output");
        Config k = config(c, ctx, u != null && u.asBoolean());
        int n = Diffusers.inferenceSteps(c);
        double[] ts = k.spacing().timesteps(k.schedule().trainSteps(), n, k.offset(), true);
        Grid grid = grid(k, ts, n);
        return SuiteLoop.run(Plan.simple("ddim", k.options(), k.target(), grid, Plan.Space.VP, 1.0, ts, null,
                "DDIM " + k.spacing() + " " + n + " steps"), c, ctx);
    }

    /** DDIMScheduler's grid: levels at the timesteps, each step landing at t − N // n (the final ᾱ below 0). */
    static Grid grid(Config k, double[] ts, int n) {
        DiscreteVpSchedule s = k.schedule();
        int ratio = s.trainSteps() / n;
        NoiseLevel fin = k.setAlphaToOne() ? NoiseLevel.clean(0, -1) : s.timestep(0);
        List<NoiseLevel> levels = new ArrayList<>();
        List<NoiseLevel> landings = new ArrayList<>();
        for (double t : ts) {
            levels.add(s.timestep((int) t));
            int prev = (int) t - ratio;
            landings.add(prev >= 0 ? s.timestep(prev) : fin);
        }
        return withLandings(s, levels, landings);
    }

    /** A grid over {@code levels} plus the last landing, with explicit landings where a step lands elsewhere. */
    static Grid withLandings(DiscreteVpSchedule s, List<NoiseLevel> levels, List<NoiseLevel> landings) {
        List<NoiseLevel> all = new ArrayList<>(levels);
        all.add(landings.get(landings.size() - 1));
        Grid grid = Grid.of(s, all);
        for (int i = 0; i + 1 < levels.size(); i++) {
            NoiseLevel a = landings.get(i), b = levels.get(i + 1);
            if (a.alpha() != b.alpha() || a.sigma() != b.sigma()) return grid.withLandings(landings);
        }
        return grid;
    }

    private static Tensor ddimParallel(SuiteCase c, SuiteContext ctx) {
        if (!c.procedure().stepMethods().equals(List.of("batch_step_no_noise"))) return ddim(c, ctx);
        return batchStepNoNoise(c, ctx);
    }

    /**
     * DDIMParallelScheduler.batch_step_no_noise(model(X, t), t, X) for the stacked batch X = [D, D + 0.1, D − 0.1]
     * with per-row timesteps t = 0, 1, 2: every row group is one DDIM step from its timestep to t − N // n, where
     * this method always uses ᾱ = 1 below 0 (whatever set_alpha_to_one says).
     */
    private static Tensor batchStepNoNoise(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c, "eta");
        if (c.procedure().eta() != 0) throw new ReplayException("batch_step_no_noise asserts eta = 0, the case has " + c.procedure().eta());
        if (!c.procedure().xInit().equals("other") || !c.notes().contains("D, D+0.1, D-0.1")) {
            throw new ReplayException("batch_step_no_noise case without the documented D, D+0.1, D-0.1 batch");
        }
        Config k = config(c, ctx, false);
        int n = Diffusers.inferenceSteps(c);
        int ratio = k.schedule().trainSteps() / n;
        double[] ts = k.spacing().timesteps(k.schedule().trainSteps(), n, k.offset(), true);
        SuiteLoop.checkSchedule(Plan.simple("ddim", k.options(), k.target(), grid(k, ts, n), Plan.Space.VP, 1, ts, null, ""), c);
        return batch(c, ctx, "ddim", k.options(), k.target(), t -> {
            int prev = t - ratio;
            return prev >= 0 ? k.schedule().timestep(prev) : NoiseLevel.clean(0, -1);
        }, k.schedule());
    }

    /**
     * The parallel schedulers' batch step: rows 4g … 4g+3 (g = 0, 1, 2) hold D + {0, 0.1, −0.1}[g] at timestep g, the
     * model gets t = g; each group is one solver step from timestep(g) to {@code landing(g)}, with zero noise.
     */
    static Tensor batch(SuiteCase c, SuiteContext ctx, String solverId, SolverOptions options, Prediction target,
                        java.util.function.IntFunction<NoiseLevel> landing, DiscreteVpSchedule s) {
        Tensor d = Dummies.sample(c.dummyShape());
        double[] shifts = {0, 0.1, -0.1};
        List<Tensor> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            double shift = shifts[g];
            Tensor x = d.map(v -> v + shift);
            Grid grid = Grid.of(s, List.of(s.timestep(g), landing.apply(g)));
            Solver<?> solver = ctx.solver(solverId).create(new SolverConfig(grid, target, options));
            // no-noise batch step: a stochastic solver's one draw is replayed as zeros (the posterior mean)
            NoiseSource zeros = NoiseSource.replay(List.of(Tensor.zeros(x.shape())));
            groups.add(Sampler.sample(solver, new DummyModel(target, DummyModel.Input.VP), x, zeros).samples());
        }
        return Tensor.stack(groups);
    }

    /**
     * DDIMInverseScheduler: timesteps ascend; the step handed timestep t moves the sample from the level of
     * t − N // n (the initial ᾱ below 0: 1 with set_alpha_to_one, else ᾱ₀) to the level of t, and the model
     * receives t.
     */
    private static Tensor ddimInverse(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        DiscreteVpSchedule s = DiffusersSchedule.read(k, DiffusersSchedule.ZeroSnrEnd.ZERO);
        boolean clip = k.bool("clip_sample", true);
        double clipRange = k.real("clip_sample_range", 1.0);
        boolean setAlphaToOne = k.bool("set_alpha_to_one", true);
        int offset = k.integer("steps_offset", 0);
        Prediction target = Diffusers.prediction(k);
        String spacing = k.choice("timestep_spacing", "leading", "leading", "trailing");
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        int nTrain = s.trainSteps();
        if (n > nTrain) throw new ReplayException("num_inference_steps " + n + " > num_train_timesteps " + nTrain);
        double[] ts = new double[n];
        if (spacing.equals("leading")) {
            int ratio = nTrain / n;
            for (int i = 0; i < n; i++) ts[i] = (double) i * ratio + offset;
        } else {
            double ratio = (double) nTrain / n; // round(arange(N, 0, −N/n)[::-1]) − 1
            int count = (int) Math.ceil(nTrain / ratio);
            if (count != n) throw new ReplayException("trailing spacing gives " + count + " timesteps for " + n + " steps");
            for (int i = 0; i < n; i++) ts[n - 1 - i] = Math.rint(nTrain - i * ratio) - 1;
        }
        int ratio = nTrain / n;
        List<NoiseLevel> levels = new ArrayList<>();
        List<NoiseLevel> landings = new ArrayList<>();
        for (double t : ts) {
            int from = Math.min((int) t - ratio, nTrain - 1);
            NoiseLevel at = from >= 0 ? s.timestep(from) : setAlphaToOne ? NoiseLevel.clean(0, t) : s.timestep(0);
            levels.add(at.withModelTime(t));
            if (t >= nTrain) throw new ReplayException("timestep " + t + " outside the training schedule");
            landings.add(s.timestep((int) t));
        }
        Grid grid = withLandings(s, levels, landings);
        SolverOptions options = new Diffusers.Options(ctx, "ddim").flag("clip_sample", clip).putIf(clip, "clip_sample_range", clipRange)
                .soft("thresholding", false).soft("use_clipped_model_output", false).build();
        Plan plan = Plan.simple("ddim", options, target, grid, Plan.Space.VP, 1.0, ts, null, "DDIM inversion " + n + " steps");
        try {
            return SuiteLoop.run(plan, c, ctx);
        } catch (RuntimeException e) {
            if (grid.from(0).isClean()) {
                throw new ReplayException("the first inverse step starts at ᾱ = 1 (σ = 0; set_alpha_to_one = true), where the "
                        + "reference steps with the model's ε̂ directly; the ddim solver derives ε̂ from x̂₀ and x, which is "
                        + "undefined at σ = 0 (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
