package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * diffusers' DDPM family: {@code DDPMScheduler} and {@code DDPMParallelScheduler} (full loops and
 * {@code batch_step_no_noise}), run by the {@code ddpm} solver with the recorded draws.
 */
final class DdpmFamily {
    private DdpmFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("DDPMScheduler", DdpmFamily::ddpm);
        r.add("DDPMParallelScheduler", DdpmFamily::ddpmParallel);
        r.add("UnCLIPScheduler", DdpmFamily::unclip);
    }

    private record Config(DiscreteVpSchedule schedule, TimestepSpacing spacing, int offset, Prediction target,
                          SolverOptions options, String variance) {}

    private static Config config(SuiteCase c, SuiteContext ctx) {
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        DiscreteVpSchedule s = DiffusersSchedule.read(k, DiffusersSchedule.ZeroSnrEnd.ZERO);
        String variance = k.choice("variance_type", "fixed_small", "fixed_small", "fixed_small_log", "fixed_large",
                "fixed_large_log", "learned", "learned_range");
        if (variance.startsWith("learned")) {
            throw new ReplayException("variance_type = '" + variance + "' needs a model that also predicts the variance; the dummy model does not");
        }
        if (variance.equals("fixed_large_log")) {
            throw new ReplayException("variance_type = 'fixed_large_log': the reference takes the square root of log β (NaN)");
        }
        boolean clip = k.bool("clip_sample", true);
        double clipRange = k.real("clip_sample_range", 1.0);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        int offset = k.integer("steps_offset", 0);
        Prediction target = Diffusers.prediction(k);
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "leading", "linspace", "leading", "trailing"));
        k.finish();
        SolverOptions options = new Diffusers.Options(ctx, "ddpm")
                .put("variance_type", variance)
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .flag("clip_sample", clip && !thresholding)
                .putIf(clip && !thresholding, "clip_sample_range", clipRange)
                .soft("preset", "none")
                .build();
        return new Config(s, spacing, offset, target, options, variance);
    }

    private static Tensor ddpmParallel(SuiteCase c, SuiteContext ctx) {
        if (!c.procedure().stepMethods().equals(List.of("batch_step_no_noise"))) return ddpm(c, ctx);
        Diffusers.stepArgs(c);
        if (!c.procedure().xInit().equals("other") || !c.notes().contains("D, D+0.1, D-0.1")) {
            throw new ReplayException("batch_step_no_noise case without the documented D, D+0.1, D-0.1 batch");
        }
        Config k = config(c, ctx);
        int nTrain = k.schedule().trainSteps();
        int n = c.setTimesteps().isEmpty() ? nTrain : Diffusers.inferenceSteps(c);
        int ratio = nTrain / n;
        // batch_step_no_noise: the posterior mean from t to t − N // n (ᾱ = 1 below 0), no draw
        return DdimFamily.batch(c, ctx, "ddpm", k.options(), k.target(), t -> {
            int prev = t - ratio;
            return prev >= 0 ? k.schedule().timestep(prev) : NoiseLevel.clean(0, -1);
        }, k.schedule());
    }

    /**
     * DDPMScheduler.step over {@code scheduler.timesteps}: without set_timesteps the loop is t = N−1 … 0 (the
     * model gets the plain integer t); each step lands at the next timestep of the schedule (ᾱ = 1 after the last)
     * and draws noise for every t &gt; 0.
     */
    private static Tensor ddpm(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        Config k = config(c, ctx);
        DiscreteVpSchedule s = k.schedule();
        int nTrain = s.trainSteps();
        double[] ts;
        if (c.setTimesteps().isEmpty()) {
            ts = new double[nTrain];
            for (int i = 0; i < nTrain; i++) ts[i] = nTrain - 1 - i;
        } else {
            int n = Diffusers.inferenceSteps(c);
            ts = k.spacing().timesteps(nTrain, n, k.offset(), true);
        }
        List<NoiseLevel> levels = new ArrayList<>();
        for (double t : ts) levels.add(s.timestep((int) t));
        levels.add(NoiseLevel.clean(0, -1));
        Grid grid = Grid.of(s, levels);
        // the reference draws noise at every t > 0, also on a last step to ᾱ = 1 from t > 0
        boolean noiseAtFinal = ts[ts.length - 1] > 0;
        SolverOptions options = noiseAtFinal || ctx.has("ddpm") && declares(ctx, "ddpm", "noise_at_final")
                ? with(k.options(), "noise_at_final", Boolean.toString(noiseAtFinal)) : k.options();
        return SuiteLoop.run(Plan.simple("ddpm", options, k.target(), grid, Plan.Space.VP, 1.0, ts, null,
                "DDPM " + k.variance() + " " + ts.length + " steps"), c, ctx);
    }

    private static SolverOptions with(SolverOptions o, String name, String value) { return o.with(name, value); }

    private static boolean declares(SuiteContext ctx, String solverId, String option) {
        return ctx.solver(solverId).traits().options().stream().anyMatch(o -> o.name().equals(option));
    }

    /**
     * UnCLIPScheduler ({@code ddpm}, squaredcos_cap_v2): DDPM steps from t to the timestep handed as prev_timestep
     * (t − 1 when none is); without set_timesteps the loop is t = N−1 … 0, with set_timesteps(n) the timesteps are
     * round(arange(n)·(N − 1)/(n − 1)) descending. Noise at every t &gt; 0.
     */
    private static Tensor unclip(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c, "prev_timestep");
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        int nTrain = k.integer("num_train_timesteps", 1000);
        String variance = k.choice("variance_type", "fixed_small_log", "fixed_small_log", "learned_range");
        boolean clip = k.bool("clip_sample", true);
        double clipRange = k.real("clip_sample_range", 1.0);
        Prediction target = Prediction.parse(k.choice("prediction_type", "epsilon", "epsilon", "sample"));
        k.choice("beta_schedule", "squaredcos_cap_v2", "squaredcos_cap_v2");
        k.finish();
        if (variance.equals("learned_range")) {
            throw new ReplayException("variance_type = 'learned_range' needs a model that also predicts the variance; the dummy model does not");
        }
        DiscreteVpSchedule s = DiscreteVpSchedule.fromBetas(org.diffuse4j.api.schedule.Betas.squaredCosCapV2(nTrain));
        double[] ts;
        boolean skipping = !c.setTimesteps().isEmpty();
        if (!skipping) {
            ts = new double[nTrain];
            for (int i = 0; i < nTrain; i++) ts[i] = nTrain - 1 - i;
        } else {
            int n = Diffusers.inferenceSteps(c);
            if (n < 2) throw new ReplayException("set_timesteps(" + n + "): the step ratio (N − 1)/(n − 1) needs n ≥ 2");
            double ratio = (double) (nTrain - 1) / (n - 1);
            ts = new double[n];
            for (int i = 0; i < n; i++) ts[n - 1 - i] = Math.rint(i * ratio);
        }
        // the test that calls set_timesteps (test_full_loop_skip_timesteps) hands step the next timestep as prev_timestep
        var stepArgs = c.procedure().stepExtraArgs();
        boolean prevGiven = skipping || stepArgs != null && stepArgs.has("prev_timestep");
        List<NoiseLevel> levels = new ArrayList<>();
        List<NoiseLevel> landings = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            int t = (int) ts[i];
            levels.add(s.timestep(t));
            int prev = prevGiven && i + 1 < ts.length ? (int) ts[i + 1] : t - 1; // the test passes the next timestep
            landings.add(prev >= 0 ? s.timestep(prev) : NoiseLevel.clean(0, -1));
        }
        Grid grid = DdimFamily.withLandings(s, levels, landings);
        SolverOptions options = new Diffusers.Options(ctx, "ddpm")
                .put("variance_type", "fixed_small_log")
                .flag("clip_sample", clip)
                .putIf(clip, "clip_sample_range", clipRange)
                .soft("thresholding", false)
                .flag("noise_at_final", ts[ts.length - 1] > 0)
                .soft("preset", "none")
                .build();
        return SuiteLoop.run(Plan.simple("ddpm", options, target, grid, Plan.Space.VP, 1.0, ts, null,
                "UnCLIP " + ts.length + " steps"), c, ctx);
    }
}
