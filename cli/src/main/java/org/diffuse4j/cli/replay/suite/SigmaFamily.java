package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * diffusers' σ-space schedulers, whose sample is y = x/α and whose scale_model_input divides by √(σ² + 1):
 * {@code EulerDiscreteScheduler} ({@code euler}), {@code HeunDiscreteScheduler} ({@code heun}),
 * {@code KDPM2DiscreteScheduler} ({@code dpm2}), {@code LMSDiscreteScheduler} ({@code lms}),
 * {@code EulerAncestralDiscreteScheduler} ({@code euler-ancestral}), {@code KDPM2AncestralDiscreteScheduler}
 * ({@code dpm2-ancestral}) and {@code DPMSolverSDEScheduler} ({@code dpmpp-sde}).
 */
final class SigmaFamily {
    private SigmaFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("EulerDiscreteScheduler", SigmaFamily::euler);
        r.add("HeunDiscreteScheduler", SigmaFamily::heun);
        r.add("KDPM2DiscreteScheduler", SigmaFamily::kdpm2);
        r.add("LMSDiscreteScheduler", SigmaFamily::lms);
        r.add("EulerAncestralDiscreteScheduler", SigmaFamily::eulerAncestral);
        r.add("KDPM2AncestralDiscreteScheduler", SigmaFamily::kdpm2Ancestral);
        r.add("DPMSolverSDEScheduler", SigmaFamily::dpmSde);
    }

    /** The σ schedule of a set_timesteps(n) call: timesteps (model times), σ's with the final one, init_noise_sigma. */
    record Sigmas(DiscreteVpSchedule schedule, double[] timesteps, double[] sigmas, double initNoiseSigma) {
        Grid grid() { return Grids.discreteSigmaGrid(schedule, sigmas, modelTimes()); }

        double[] modelTimes() {
            double[] m = new double[sigmas.length];
            System.arraycopy(timesteps, 0, m, 0, timesteps.length);
            for (int i = timesteps.length; i < m.length; i++) m[i] = 0; // final level: no model call
            return m;
        }
    }

    /** Which inference σ schedule replaces the interpolated one. */
    enum SigmaKind { INTERPOLATED, KARRAS, EXPONENTIAL, BETA }

    static SigmaKind sigmaKind(ConfigReader k) {
        boolean karras = k.bool("use_karras_sigmas", false);
        boolean exponential = k.bool("use_exponential_sigmas", false);
        boolean beta = k.bool("use_beta_sigmas", false);
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        return karras ? SigmaKind.KARRAS : exponential ? SigmaKind.EXPONENTIAL : beta ? SigmaKind.BETA : SigmaKind.INTERPOLATED;
    }

    /**
     * EulerDiscreteScheduler.set_timesteps(n) (and the schedulers that copy it): timesteps by spacing, unrounded;
     * σ interpolated at them or replaced by a Karras / exponential schedule between the interpolated ends (or
     * sigma_min/sigma_max) with the timesteps from _sigma_to_t; the final σ is 0 or σ₀; init_noise_sigma is σ_max
     * for linspace/trailing spacing and √(σ_max² + 1) for leading.
     */
    static Sigmas eulerSigmas(DiscreteVpSchedule s, SigmaTable table, int n, TimestepSpacing spacing, int offset, SigmaKind kind,
                              Double sigmaMin, Double sigmaMax, boolean finalSigmaMin) {
        return eulerSigmas(s, table, n, spacing, offset, kind, sigmaMin, sigmaMax, finalSigmaMin, false, false, true);
    }

    /**
     * As above; {@code roundKarras}: the Karras timesteps are rounded (KDPM2); {@code logLinear}: Euler's
     * log-linear σ's (n + 1 of them, the appended final σ never reached); {@code convertBeta}: false for LMS, whose
     * beta branch keeps the sigmas and only recomputes the timesteps.
     */
    static Sigmas eulerSigmas(DiscreteVpSchedule s, SigmaTable table, int n, TimestepSpacing spacing, int offset, SigmaKind kind,
                              Double sigmaMin, Double sigmaMax, boolean finalSigmaMin, boolean roundKarras, boolean logLinear,
                              boolean convertBeta) {
        double[] ts = spacing.timesteps(s.trainSteps(), n, offset, false);
        double[] sig;
        if (logLinear) {
            sig = table.logLinear(n);
        } else {
            sig = new double[ts.length];
            for (int i = 0; i < ts.length; i++) sig[i] = table.interp(ts[i]);
        }
        if (kind != SigmaKind.INTERPOLATED) {
            double lo = sigmaMin != null ? sigmaMin : sig[sig.length - 1];
            double hi = sigmaMax != null ? sigmaMax : sig[0];
            sig = switch (kind) {
                case KARRAS -> SigmaTable.karras(n, lo, hi);
                case EXPONENTIAL -> SigmaTable.exponential(n, lo, hi);
                default -> convertBeta ? SigmaTable.beta(n, lo, hi) : sig;
            };
            ts = new double[sig.length];
            for (int i = 0; i < sig.length; i++) {
                ts[i] = table.sigmaToT(sig[i]);
                if (roundKarras && kind == SigmaKind.KARRAS) ts[i] = Math.rint(ts[i]);
            }
        }
        double[] all = new double[sig.length + 1];
        System.arraycopy(sig, 0, all, 0, sig.length);
        all[sig.length] = finalSigmaMin ? table.sigmas[0] : 0;
        if (sig.length > ts.length) all = java.util.Arrays.copyOf(all, ts.length + 1); // log-linear: the steps end at σ[n]
        double max = 0;
        for (double v : all) max = Math.max(max, v);
        double init = spacing == TimestepSpacing.LEADING ? Math.sqrt(max * max + 1) : max;
        return new Sigmas(s, ts, all, init);
    }

    private static Tensor euler(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, DiffusersSchedule.ZeroSnrEnd.TWO_POW_MINUS_24);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        Prediction target = Diffusers.prediction(k);
        boolean logLinear = k.choice("interpolation_type", "linear", "linear", "log_linear").equals("log_linear");
        SigmaKind kind = sigmaKind(k);
        Double sigmaMin = k.optionalReal("sigma_min"), sigmaMax = k.optionalReal("sigma_max");
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        String timestepType = k.choice("timestep_type", "discrete", "discrete", "continuous");
        int offset = k.integer("steps_offset", 0);
        boolean finalSigmaMin = k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("sigma_min");
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = eulerSigmas(s, table, n, spacing, offset, kind, sigmaMin, sigmaMax, finalSigmaMin, false, logLinear, true);
        double[] ts = sg.timesteps();
        if (timestepType.equals("continuous") && target == Prediction.V) { // the model gets 0.25·log σ
            ts = new double[ts.length];
            for (int i = 0; i < ts.length; i++) ts[i] = 0.25 * Math.log(sg.sigmas()[i]);
            sg = new Sigmas(s, ts, sg.sigmas(), sg.initNoiseSigma());
        }
        Plan plan = Plan.simple("euler", SolverOptions.NONE, target, sg.grid(), Plan.Space.VE, sg.initNoiseSigma(), ts,
                sg.sigmas(), "Euler " + spacing + " " + kind + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** The configuration keys the σ-schedulers copied from EulerDiscreteScheduler share. */
    private record Common(DiscreteVpSchedule schedule, SigmaTable table, Prediction target, SigmaKind kind,
                          TimestepSpacing spacing, int offset) {
        static Common read(ConfigReader k, DiffusersSchedule.ZeroSnrEnd zeroSnr) {
            double[] ac = DiffusersSchedule.alphasCumprod(k, zeroSnr);
            SigmaKind kind = sigmaKind(k);
            Prediction target = Diffusers.prediction(k);
            TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
            int offset = k.integer("steps_offset", 0);
            return new Common(DiffusersSchedule.carrier(ac), new SigmaTable(ac), target, kind, spacing, offset);
        }

        Sigmas sigmas(int n, boolean roundKarras) {
            return sigmas(n, roundKarras, true);
        }

        /** {@code convertBeta} false: LMS, whose beta branch keeps the interpolated σ's and recomputes the timesteps. */
        Sigmas sigmas(int n, boolean roundKarras, boolean convertBeta) {
            return eulerSigmas(schedule, table, n, spacing, offset, kind, null, null, false, roundKarras, false, convertBeta);
        }
    }

    /** diffusers' interleaving of a two-stage scheduler: [v0, v1, v1, v2, v2, …] (torch.repeat_interleave of v[1:]). */
    static double[] interleave(double[] v, int tail) {
        double[] out = new double[1 + 2 * (v.length - 1 - tail) + tail];
        out[0] = v[0];
        int j = 1;
        for (int i = 1; i < v.length - tail; i++) {
            out[j++] = v[i];
            out[j++] = v[i];
        }
        for (int i = v.length - tail; i < v.length; i++) out[j++] = v[i];
        return out;
    }

    /** Timestep index k of a two-stage scheduler starts solver step k/2; an odd k is a second stage. */
    static int twoStageStep(int k) {
        if (k % 2 != 0) throw new ReplayException("the loop starts at timesteps[" + k + "], a second-stage call of a two-stage step");
        return k / 2;
    }

    /**
     * HeunDiscreteScheduler ({@code heun}): the σ's of set_timesteps, each step's second stage at the next level;
     * {@code scheduler.timesteps} repeats every timestep but the first (the second stage of one step and the first
     * of the next), and the last step to σ = 0 is Euler's.
     */
    private static Tensor heun(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Common m = Common.read(k, null);
        boolean clip = k.bool("clip_sample", false);
        double clipRange = k.real("clip_sample_range", 1.0);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = m.sigmas(n, false);
        double[] ts = interleave(sg.timesteps(), 0);
        double[] sig = interleave(sg.sigmas(), 1);
        SolverOptions options = new Diffusers.Options(ctx, "heun").flag("clip_sample", clip).putIf(clip, "clip_sample_range", clipRange).build();
        Plan plan = Plan.simple("heun", options, m.target(), sg.grid(), Plan.Space.VE, sg.initNoiseSigma(), ts, sig,
                "Heun " + m.spacing() + " " + m.kind() + " " + n + " steps").withStepOfIndex(SigmaFamily::twoStageStep);
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * KDPM2DiscreteScheduler ({@code dpm2}): each step's second stage at σ_mid = exp(½(log σ + log σ')), where the
     * model gets _sigma_to_t(σ_mid); the last step to σ = 0 is Euler's.
     */
    private static Tensor kdpm2(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Common m = Common.read(k, null);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = m.sigmas(n, true);
        double[] base = sg.timesteps();
        double[] sigmas = sg.sigmas();
        // scheduler.timesteps: t0, then (t_interp(σ_i, σ_{i−1}), t_i) for i = 1 … n−1
        double[] ts = new double[1 + 2 * (base.length - 1)];
        ts[0] = base[0];
        for (int i = 1; i < base.length; i++) {
            double logNext = Math.log(sigmas[i]), logPrev = Math.log(sigmas[i - 1]);
            double mid = Math.exp(logPrev - (logPrev - logNext) * 0.5); // torch.lerp(log σ_i, log σ_{i−1}, ½)
            ts[2 * i - 1] = m.table().sigmaToT(mid);
            ts[2 * i] = base[i];
        }
        double[] sig = interleave(sigmas, 0);
        sig = java.util.Arrays.copyOf(sig, sig.length + 1);
        sig[sig.length - 1] = sigmas[sigmas.length - 1];
        Plan plan = Plan.simple("dpm2", SolverOptions.NONE, m.target(), sg.grid(), Plan.Space.VE, sg.initNoiseSigma(), ts, sig,
                "KDPM2 " + m.spacing() + " " + m.kind() + " " + n + " steps").withStepOfIndex(SigmaFamily::twoStageStep);
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * LMSDiscreteScheduler ({@code lms}, order 4 unless step() is given another): Adams–Bashforth in σ with order
     * min(step_index + 1, order). A loop from timesteps[k] (after add_noise) keeps diffusers' step index k: the solver
     * gets the whole grid with {@code start_step=k} and {@code mid_schedule_weights=diffusers}, its weights built on the
     * σ's of the whole schedule (identical to the consistent weights when the loop starts at timesteps[0]).
     */
    private static Tensor lms(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c, "order");
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Common m = Common.read(k, null);
        k.finish();
        var orderArg = c.procedure().stepExtraArgs() == null ? null : c.procedure().stepExtraArgs().get("order");
        if (orderArg != null && !orderArg.canConvertToInt()) throw new ReplayException("step(order=" + orderArg + ") is not an integer");
        int order = orderArg == null ? 4 : orderArg.asInt();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = m.sigmas(n, false, false);
        SolverOptions options = new Diffusers.Options(ctx, "lms").put("order", order).put("mid_schedule_weights", "diffusers").build();
        Plan plan = Plan.simple("lms", options, m.target(), sg.grid(), Plan.Space.VE, sg.initNoiseSigma(), sg.timesteps(),
                sg.sigmas(), "LMS " + m.spacing() + " " + m.kind() + " " + n + " steps").withStartOption("start_step");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** EulerAncestralDiscreteScheduler ({@code euler-ancestral}, η = 1): interpolated σ's, one draw per step. */
    private static Tensor eulerAncestral(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, DiffusersSchedule.ZeroSnrEnd.TWO_POW_MINUS_24);
        Prediction target = Diffusers.prediction(k);
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        int offset = k.integer("steps_offset", 0);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = eulerSigmas(DiffusersSchedule.carrier(ac), new SigmaTable(ac), n, spacing, offset,
                SigmaKind.INTERPOLATED, null, null, false);
        SolverOptions options = new Diffusers.Options(ctx, "euler-ancestral").soft("eta", 1.0).soft("s_noise", 1.0).build();
        Plan plan = Plan.simple("euler-ancestral", options, target, sg.grid(), Plan.Space.VE, sg.initNoiseSigma(),
                sg.timesteps(), sg.sigmas(), "Euler ancestral " + spacing + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * KDPM2AncestralDiscreteScheduler ({@code dpm2-ancestral}, η = 1): a DPM-Solver-2 step to σ_down through
     * σ_mid = exp(½(log σ + log σ_down)), where the model gets _sigma_to_t(σ_mid), then noise σ_up·z.
     */
    private static Tensor kdpm2Ancestral(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Common m = Common.read(k, null);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = m.sigmas(n, true);
        double[] base = sg.timesteps();
        double[] sigmas = sg.sigmas();
        double[] ts = new double[1 + 2 * (base.length - 1)];
        ts[0] = base[0];
        for (int i = 0; i + 1 < base.length; i++) {
            double s = sigmas[i], next = sigmas[i + 1];
            double up = Math.sqrt(next * next * (s * s - next * next) / (s * s));
            double down = Math.sqrt(next * next - up * up);
            double logS = Math.log(s), logDown = Math.log(down);
            ts[2 * i + 1] = m.table().sigmaToT(Math.exp(logDown - (logDown - logS) * 0.5)); // torch.lerp(log σ, log σ_down, ½)
            ts[2 * i + 2] = base[i + 1];
        }
        double[] sig = interleave(sigmas, 0);
        sig = java.util.Arrays.copyOf(sig, sig.length + 1);
        sig[sig.length - 1] = sigmas[sigmas.length - 1];
        SolverOptions options = new Diffusers.Options(ctx, "dpm2-ancestral").soft("eta", 1.0).soft("s_noise", 1.0).build();
        Plan plan = Plan.simple("dpm2-ancestral", options, m.target(), sg.grid(), Plan.Space.VE, sg.initNoiseSigma(),
                ts, sig, "KDPM2 ancestral " + m.spacing() + " " + m.kind() + " " + n + " steps")
                .withStepOfIndex(SigmaFamily::twoStageStep);
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * DPMSolverSDEScheduler ({@code dpmpp-sde}, η = 1, r = ½): two ancestral DPM-Solver++ stages per step, the second
     * at σ_mid = exp(−(t + ½(t' − t))) with t = −log σ, where the model gets _sigma_to_t(σ_mid); the noise is its
     * Brownian-tree sampler's, replayed from the recorded draws.
     */
    private static Tensor dpmSde(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Common m = Common.read(k, null);
        k.ignore("noise_sampler_seed"); // the Brownian tree's seed: its draws are replayed
        k.finish();
        if (m.target() == Prediction.DATA) throw new ReplayException("prediction_type = 'sample' is refused: the reference scheduler raises for it as well");
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = m.sigmas(n, false);
        double[] base = sg.timesteps();
        double[] sigmas = sg.sigmas();
        double[] ts = new double[1 + 2 * (base.length - 1)];
        ts[0] = base[0];
        for (int i = 0; i + 1 < base.length; i++) {
            double t = -Math.log(sigmas[i]), tNext = -Math.log(sigmas[i + 1]);
            ts[2 * i + 1] = m.table().sigmaToT(Math.exp(-(t + (tNext - t) * 0.5)));
            ts[2 * i + 2] = base[i + 1];
        }
        SolverOptions options = new Diffusers.Options(ctx, "dpmpp-sde").soft("eta", 1.0).soft("s_noise", 1.0).soft("r", 0.5).build();
        Plan plan = Plan.simple("dpmpp-sde", options, m.target(), sg.grid(), Plan.Space.VE, sg.initNoiseSigma(),
                ts, interleave(sigmas, 1), "DPM-Solver++ SDE " + m.spacing() + " " + m.kind() + " " + n + " steps")
                .withStepOfIndex(SigmaFamily::twoStageStep).withMidStage(Plan.MidStage.DATA);
        return SuiteLoop.run(plan, c, ctx);
    }
}
