package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.cli.replay.ReplayException;
import org.diffuse4j.samplers.sde.ConsistencyFunction;

/**
 * diffusers' consistency-style schedulers: {@code LCMScheduler} ({@code lcm}), {@code TCDScheduler} ({@code tcd}) and
 * {@code CMStochasticIterativeScheduler} ({@code consistency}).
 */
final class ConsistencyFamily {
    private ConsistencyFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("LCMScheduler", (c, ctx) -> distilled(c, ctx, false));
        r.add("TCDScheduler", (c, ctx) -> distilled(c, ctx, true));
        r.add("CMStochasticIterativeScheduler", ConsistencyFamily::consistencyModel);
    }

    /**
     * LCM / TCD set_timesteps(n): the distillation timesteps k·j − 1 (j = 1 … original_inference_steps,
     * k = N // original_inference_steps), reversed, taken at indices ⌊i·len/n⌋.
     */
    static double[] distilledTimesteps(int nTrain, int originalSteps, int n) {
        if (originalSteps > nTrain) throw new ReplayException("original_inference_steps " + originalSteps + " > num_train_timesteps " + nTrain);
        int k = nTrain / originalSteps;
        int len = originalSteps;
        if (len / n < 1) throw new ReplayException("num_inference_steps " + n + " exceeds the " + len + " distillation timesteps");
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            int index = (int) Math.floor(i * ((double) len / n)); // np.linspace(0, len, n, endpoint=False)
            ts[i] = (double) (len - index) * k - 1; // reversed origin timesteps
        }
        return ts;
    }

    /**
     * LCMScheduler: at each timestep the boundary-scaled consistency function c_skip·x + c_out·x̂₀ (scalings of
     * τ·t), re-noised to the next timestep; the last step returns it. TCDScheduler (γ = step's eta): jump to
     * ⌊(1 − γ)t'⌋ with x̂₀ and ε̂, then re-noise to t'; the last step lands at timestep 0.
     */
    private static Tensor distilled(SuiteCase c, SuiteContext ctx, boolean tcd) {
        Diffusers.stepArgs(c, tcd ? new String[] {"eta"} : new String[0]);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        DiscreteVpSchedule s = DiffusersSchedule.read(k, DiffusersSchedule.ZeroSnrEnd.ZERO);
        int originalSteps = k.integer("original_inference_steps", 50);
        boolean clip = k.bool("clip_sample", false);
        double clipRange = k.real("clip_sample_range", 1.0);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        k.bool("set_alpha_to_one", true); // final ᾱ below timestep 0, which these loops never reach
        k.integer("steps_offset", 0);     // unused by set_timesteps
        k.choice("timestep_spacing", "leading", "leading", "linspace", "trailing"); // unused by set_timesteps
        double scaling = k.real("timestep_scaling", 10.0);
        Prediction target = Diffusers.prediction(k);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        double[] ts = distilledTimesteps(s.trainSteps(), originalSteps, n);
        List<NoiseLevel> levels = new ArrayList<>();
        for (double t : ts) levels.add(s.timestep((int) t));
        String solverId = tcd ? "tcd" : "lcm";
        Diffusers.Options o = new Diffusers.Options(ctx, solverId);
        if (tcd) {
            if (clip || thresholding) throw new ReplayException("TCDScheduler does not clip or threshold x̂₀; clip_sample/thresholding must be false");
            levels.add(s.timestep(0)); // the last step's prev_timestep is 0: it returns the prediction noised to timestep 0
            double gamma = c.procedure().eta();
            var args = c.procedure().stepExtraArgs();
            if (args == null || !args.has("eta")) gamma = 0.3; // TCDScheduler.step's default
            o.put("gamma", gamma);
        } else {
            levels.add(NoiseLevel.clean(0, -1)); // the last step returns the consistency function's value
            o.put("timestep_scaling", scaling)
                    .soft("sigma_data", 0.5)
                    .flag("thresholding", thresholding)
                    .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                    .putIf(thresholding, "sample_max_value", maxValue)
                    .flag("clip_sample", clip && !thresholding)
                    .putIf(clip && !thresholding, "clip_sample_range", clipRange);
        }
        Plan plan = Plan.simple(solverId, o.build(), target, Grid.of(s, levels), Plan.Space.VP, 1.0, ts, null,
                c.schedulerClass() + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * CMStochasticIterativeScheduler: Karras σ's of ramp = reversed timesteps/(N − 1) between sigma_min and sigma_max,
     * then σ_min; the network receives c_in·x and 1000·¼·log(σ + 1e-44), x̂₀ = c_skip·x + c_out·F with the
     * boundary-condition scalings (part of the model here), clamped with clip_denoised; then re-noising to the next σ.
     */
    private static Tensor consistencyModel(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        int nTrain = k.integer("num_train_timesteps", 40);
        double sigmaMin = k.real("sigma_min", 0.002), sigmaMax = k.real("sigma_max", 80.0);
        double sigmaData = k.real("sigma_data", 0.5), sNoise = k.real("s_noise", 1.0), rho = k.real("rho", 7.0);
        boolean clip = k.bool("clip_denoised", true);
        k.finish();
        if (c.setTimesteps().size() != 1) throw new ReplayException("expected one set_timesteps call");
        SuiteCase.Call call = c.setTimesteps().get(0);
        int[] timesteps;
        var custom = call.arg(1, "timesteps");
        var steps = call.arg(0, "num_inference_steps");
        if (custom != null && steps == null) {
            timesteps = new int[custom.size()];
            for (int i = 0; i < timesteps.length; i++) timesteps[i] = custom.get(i).asInt();
        } else if (steps != null && custom == null) {
            int n = steps.asInt();
            if (n > nTrain) throw new ReplayException("num_inference_steps " + n + " > num_train_timesteps " + nTrain);
            timesteps = new int[n];
            for (int i = 0; i < n; i++) timesteps[n - 1 - i] = i * (nTrain / n);
        } else {
            throw new ReplayException("set_timesteps needs exactly one of num_inference_steps and timesteps");
        }
        if (nTrain < 2) throw new ReplayException("num_train_timesteps must be at least 2");
        ConsistencyFunction f = new ConsistencyFunction(sigmaMin, sigmaData);
        Grid grid = ConsistencyFunction.grid(new VeSchedule(sigmaMin, sigmaMax), timesteps, nTrain, rho);
        double[] ts = new double[timesteps.length];
        double[] sig = new double[timesteps.length + 1];
        for (int i = 0; i < ts.length; i++) {
            sig[i] = grid.level(i).sigmaVe();
            ts[i] = grid.level(i).modelTime();
        }
        sig[ts.length] = sigmaMin;
        SolverOptions options = new Diffusers.Options(ctx, "consistency")
                .put("sigma_min", sigmaMin).put("sigma_max", sigmaMax)
                .put("s_noise", sNoise)
                .put("clip_denoised", clip)
                .build();
        Plan.Scaling cIn = (y, level) -> y.scale(f.cIn(level.sigmaVe()));
        DummyModel.Output boundary = (raw, x, level) -> {
            double sv = level.sigmaVe();
            return Tensor.combine(f.cSkip(sv), x.scale(1 / level.alpha()), f.cOut(sv), raw);
        };
        Plan plan = new Plan("consistency", options, Prediction.DATA, grid, Plan.Space.VE, cIn, boundary, sigmaMax, i -> i, ts, sig,
                "consistency model " + ts.length + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }
}
