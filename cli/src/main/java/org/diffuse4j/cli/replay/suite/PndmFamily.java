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
import org.diffuse4j.cli.replay.ReplayException;

/** diffusers' pseudo numerical methods: {@code PNDMScheduler} ({@code pndm}) and {@code IPNDMScheduler}. */
final class PndmFamily {
    private PndmFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("PNDMScheduler", PndmFamily::pndm);
        r.add("IPNDMScheduler", PndmFamily::ipndm);
    }

    /**
     * PNDMScheduler: the grid is its {@code _timesteps} (integer, descending) and the final ᾱ (1 with set_alpha_to_one,
     * else ᾱ₀); the pndm solver with {@code diffusers_timesteps} lands PRK stages and PLMS steps where diffusers'
     * integer arithmetic does. The test loops over prk_timesteps with step_prk, then plms_timesteps with step_plms.
     */
    private static Tensor pndm(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        DiscreteVpSchedule s = DiffusersSchedule.read(k, null);
        boolean skipPrk = k.bool("skip_prk_steps", false);
        boolean setAlphaToOne = k.bool("set_alpha_to_one", false);
        Prediction target = Prediction.parse(k.choice("prediction_type", "epsilon", "epsilon", "v_prediction"));
        String spacing = k.choice("timestep_spacing", "leading", "linspace", "leading", "trailing");
        int offset = k.integer("steps_offset", 0);
        k.finish();
        if (c.procedure().loopStart() != 0) throw new ReplayException("loop '" + c.procedure().loop() + "' is not supported for PNDM");
        int n = Diffusers.inferenceSteps(c);
        int nTrain = s.trainSteps();
        long[] asc = new long[n]; // _timesteps, ascending
        for (int i = 0; i < n; i++) {
            asc[i] = switch (spacing) {
                case "linspace" -> (long) Math.rint(SigmaTable.linspace(0, nTrain - 1, n, i));
                case "leading" -> (long) i * (nTrain / n) + offset;
                default -> {
                    double ratio = (double) nTrain / n; // round(arange(N, 0, −N/n))[::-1] − 1
                    yield (long) Math.rint(nTrain - (n - 1 - i) * ratio) - 1;
                }
            };
        }
        List<Double> ts = new ArrayList<>();
        if (skipPrk) {
            List<Long> plms = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) plms.add(asc[i]);
            if (n >= 2) plms.add(asc[n - 2]);
            plms.add(asc[n - 1]);
            for (int i = plms.size() - 1; i >= 0; i--) ts.add((double) plms.get(i));
        } else {
            if (n < 4) throw new ReplayException("PRK warm-up needs at least 4 timesteps, got " + n);
            int half = nTrain / n / 2;
            long[] prk = new long[8];
            for (int j = 0; j < 4; j++) {
                prk[2 * j] = asc[n - 4 + j];
                prk[2 * j + 1] = asc[n - 4 + j] + half;
            }
            List<Long> rep = new ArrayList<>(); // prk[:-1].repeat(2)[1:-1], reversed
            for (int j = 0; j < 7; j++) {
                rep.add(prk[j]);
                rep.add(prk[j]);
            }
            List<Long> trimmed = rep.subList(1, rep.size() - 1);
            for (int i = trimmed.size() - 1; i >= 0; i--) ts.add((double) trimmed.get(i));
            for (int i = n - 4; i >= 0; i--) ts.add((double) asc[i]);
        }
        double[] timesteps = ts.stream().mapToDouble(Double::doubleValue).toArray();
        List<NoiseLevel> levels = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            if (asc[i] < 0 || asc[i] >= nTrain) throw new ReplayException("timestep " + asc[i] + " outside the training schedule");
            levels.add(s.timestep((int) asc[i]));
        }
        levels.add(setAlphaToOne ? NoiseLevel.clean(0, -1) : s.timestep(0));
        Grid grid = Grid.of(s, levels);
        SolverOptions options = new Diffusers.Options(ctx, "pndm")
                .put("diffusers_timesteps", true)
                .put("skip_prk_steps", skipPrk)
                .put("combined_output", target == Prediction.V ? "v_prediction" : "epsilon")
                .build();
        Plan plan = Plan.simple("pndm", options, target, grid, Plan.Space.VP, 1.0, timesteps, null,
                "PNDM " + (skipPrk ? "PLMS" : "PRK+PLMS") + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * IPNDMScheduler ({@code ipndm}, {@code step_form=diffusers}, max_order 4): s = torch.linspace(1, 0, n + 1)[:-1] then
     * 0, σ_i = sin²(π s_i/2), α_i = √(1 − σ_i²), the model read as a v prediction (its ets = σ·x + α·output is ε̂ on this
     * VP schedule) and handed atan2(σ, α)/π·2. The first level has α = 0, where diffusers divides by max(α, 1e-8); the
     * test loops twice, resetting only the step index, so the second pass starts at α = 0 with the first pass's history.
     */
    private static Tensor ipndm(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        k.integer("num_train_timesteps", 1000); // only __len__; set_timesteps ignores it
        k.requireNull("trained_betas", "IPNDM's trained_betas replace its σ table");
        k.finish();
        int passes = c.procedure().passes();
        if (passes < 1 || (passes == 1 && c.procedure().loopStart() != 0)) {
            throw new ReplayException("loop '" + c.procedure().loop() + "' is not supported for IPNDM");
        }
        int n = Diffusers.inferenceSteps(c);
        if (c.procedure().stepCalls() != passes * n) {
            throw new ReplayException("the test calls step " + c.procedure().stepCalls() + " times, not " + passes + " passes of " + n);
        }
        IpndmSchedule schedule = new IpndmSchedule();
        List<NoiseLevel> levels = new ArrayList<>();
        double[] timesteps = new double[n];
        for (int i = 0; i <= n; i++) {
            double s = i < n ? EdmFamily.torchLinspace(1, 0, n + 1, i) : 0;
            double sin = Math.sin(s * Math.PI / 2);
            double sigma = sin * sin;
            double alpha = Math.sqrt(1.0 - sigma * sigma);
            double t = Math.atan2(sigma, alpha) / Math.PI * 2;
            if (i < n) timesteps[i] = t;
            levels.add(new NoiseLevel(s, alpha, sigma, schedule.dAlpha(s), schedule.dSigma(s), i < n ? t : 0));
        }
        SolverOptions options = new Diffusers.Options(ctx, "ipndm").put("max_order", 4).put("step_form", "diffusers").build();
        Plan plan = Plan.simple("ipndm", options, Prediction.V, Grid.of(schedule, levels), Plan.Space.VP, 1.0, timesteps, null,
                "IPNDM " + n + " steps" + (passes > 1 ? ", " + passes + " passes" : ""));
        return SuiteLoop.run(plan, c, ctx, 0, passes);
    }
}
