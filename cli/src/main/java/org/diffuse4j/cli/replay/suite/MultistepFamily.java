package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import com.fasterxml.jackson.databind.JsonNode;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * diffusers' UniPC, DEIS and SA-Solver multistep schedulers on σ-grids of a discrete VP schedule (the sample is the
 * VP state): {@code UniPCMultistepScheduler} ({@code unipc}), {@code DEISMultistepScheduler} ({@code deis}) and
 * {@code SASolverScheduler} ({@code sa-solver}).
 */
final class MultistepFamily {
    private MultistepFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("UniPCMultistepScheduler", MultistepFamily::uniPc);
        r.add("DEISMultistepScheduler", MultistepFamily::deis);
        r.add("SASolverScheduler", MultistepFamily::saSolver);
    }

    /** How set_timesteps picks σ: interpolated at the spaced timesteps, or a Karras / exponential σ spacing. */
    enum SigmaKind { INTERPOLATED, KARRAS, EXPONENTIAL, BETA }

    static SigmaKind sigmaKind(ConfigReader k) {
        boolean karras = k.bool("use_karras_sigmas", false);
        boolean exponential = k.bool("use_exponential_sigmas", false);
        boolean beta = k.bool("use_beta_sigmas", false);
        k.require("use_flow_sigmas", false, "flow sigmas belong to flow-matching models");
        k.requireReal("flow_shift", 1.0, "only used with flow sigmas");
        k.require("use_dynamic_shifting", false, "dynamic shifting belongs to flow-matching models");
        k.choice("time_shift_type", "exponential", "exponential");
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        return karras ? SigmaKind.KARRAS : exponential ? SigmaKind.EXPONENTIAL : beta ? SigmaKind.BETA : SigmaKind.INTERPOLATED;
    }

    /** Timesteps (model times) and σ's with the final one. */
    record Sigmas(double[] timesteps, double[] sigmas) {}

    /**
     * set_timesteps(n) of UniPC and DEIS: n + 1 spaced timesteps with the last dropped; σ interpolated there (then
     * the final σ: 0 or σ₀), or n Karras / exponential / beta σ's between σ_min and σ_max (the config's or the table's
     * ends) with the timesteps of _sigma_to_t rounded (Karras) or cast to int64 (exponential), then the final σ:
     * 0, or the last spaced σ again.
     */
    static Sigmas sigmas(SigmaTable table, TimestepSpacing spacing, int offset, SigmaKind kind, int n, Double sigmaMin,
                         Double sigmaMax, boolean finalZero) {
        int nTrain = table.size();
        double[] ts = spacing.multistepTimesteps(nTrain, nTrain, n, offset);
        double[] sig;
        if (kind == SigmaKind.INTERPOLATED) {
            sig = new double[ts.length + 1];
            for (int i = 0; i < ts.length; i++) sig[i] = table.interp(ts[i]);
            sig[ts.length] = finalZero ? 0 : table.sigmas[0];
            return new Sigmas(ts, sig);
        }
        double lo = sigmaMin != null ? sigmaMin : table.sigmas[0];
        double hi = sigmaMax != null ? sigmaMax : table.sigmas[nTrain - 1];
        double[] spaced = switch (kind) {
            case KARRAS -> SigmaTable.karras(n, lo, hi);
            case EXPONENTIAL -> SigmaTable.exponential(n, lo, hi);
            default -> SigmaTable.beta(n, lo, hi); // cast to int64 like the exponential timesteps
        };
        ts = new double[n];
        sig = new double[n + 1];
        for (int i = 0; i < n; i++) {
            sig[i] = spaced[i];
            double t = table.sigmaToT(spaced[i]);
            ts[i] = kind == SigmaKind.KARRAS ? Math.rint(t) : (long) t;
        }
        sig[n] = finalZero ? 0 : spaced[n - 1];
        return new Sigmas(ts, sig);
    }

    private static Grid grid(DiscreteVpSchedule s, Sigmas sg) {
        return Grids.discreteSigmaGrid(s, sg.sigmas(), java.util.Arrays.copyOf(sg.timesteps(), sg.sigmas().length));
    }

    /** Refuses a loop start at which the reference's "fewer than 15 steps" rule sees another grid length than the solver. */
    static void checkShortGridRule(SuiteCase c, int n, boolean lowerOrderFinal) {
        int k = c.procedure().loopStart();
        if (k > 0 && lowerOrderFinal && (n < 15) != (n - k < 15)) {
            throw new ReplayException("the loop starts at step " + k + ": lower_order_final's 15-step rule would see a different grid length");
        }
    }

    /**
     * UniPCMultistepScheduler: UniP-p predictor with UniC corrector ({@code bh1}/{@code bh2}; the DPM-Solver and DEIS
     * solver names are re-registered as bh2), order min(p, steps left) with lower_order_final.
     */
    private static Tensor uniPc(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, DiffusersSchedule.ZeroSnrEnd.TWO_POW_MINUS_24);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        int order = k.integer("solver_order", 2);
        Prediction target = Diffusers.prediction(k);
        boolean predictX0 = k.bool("predict_x0", true);
        boolean thresholding = k.bool("thresholding", false) && predictX0; // convert_model_output thresholds x̂₀ only
        double ratio = k.real("dynamic_thresholding_ratio", 0.995), maxValue = k.real("sample_max_value", 1.0);
        String variant = k.choice("solver_type", "bh2", "bh1", "bh2", "midpoint", "heun", "logrho");
        if (!variant.equals("bh1")) variant = "bh2";
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        int mask = disableCorrectorMask(k.json("disable_corrector"));
        k.requireNull("solver_p", "UniC on top of another scheduler");
        SigmaKind kind = sigmaKind(k);
        Double sigmaMin = k.optionalReal("sigma_min"), sigmaMax = k.optionalReal("sigma_max");
        k.requireNull("shift_terminal", "flow sigmas only");
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        int offset = k.integer("steps_offset", 0);
        boolean finalZero = k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        k.finish();
        if (order < 1 || order > 3) throw new ReplayException("solver_order = " + order + " is not supported; supported: 1, 2, 3");
        int n = Diffusers.inferenceSteps(c);
        Sigmas sg = sigmas(table, spacing, offset, kind, n, sigmaMin, sigmaMax, finalZero);
        int steps = sg.timesteps().length;
        int lastOrder = lowerOrderFinal ? 1 : Math.min(order, steps);
        if (finalZero) { // the reference's own arithmetic is not finite at σ = 0 here
            if (!predictX0) throw new ReplayException("predict_x0 = false with final_sigmas_type = 'zero' gives NaN in the reference (σ_t·(e^h − 1) = 0·∞)");
            if (variant.equals("bh1")) throw new ReplayException("solver_type = 'bh1' with final_sigmas_type = 'zero' gives NaN in the reference (B(h) = h = −∞)");
            if (lastOrder >= 2) throw new ReplayException("lower_order_final = false with solver_order ≥ 2 and final_sigmas_type = 'zero' gives NaN in the reference (r_k = 0)");
        }
        int first = c.procedure().loopStart() < 0 ? 0 : c.procedure().loopStart();
        int shifted = mask >>> first; // indices of the loop's own steps
        SolverOptions options = new Diffusers.Options(ctx, "unipc")
                .put("variant", variant)
                .put("solver_order", order)
                .put("predict_x0", predictX0)
                .put("lower_order_final", lowerOrderFinal)
                .soft("lower_order_final_below", Integer.MAX_VALUE) // diffusers' UniPC lowers the final orders at any length
                .soft("corrector", true)
                .soft("final_corrector", false)
                .soft("denoise_to_zero", false)
                .putIf(shifted != 0, "disable_corrector_mask", shifted)
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .build();
        Plan plan = Plan.simple("unipc", options, target, grid(s, sg), Plan.Space.VP, 1.0, sg.timesteps(), sg.sigmas(),
                "UniPC " + variant + " order " + order + " " + kind + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** diffusers' disable_corrector list as the solver's bit mask (negative indices never match a step). */
    static int disableCorrectorMask(JsonNode list) {
        if (list == null) return 0;
        if (!list.isArray()) throw new ReplayException("disable_corrector must be a list of step indices, got " + list);
        int mask = 0;
        for (JsonNode k : list) {
            if (!k.canConvertToInt()) throw new ReplayException("disable_corrector entry " + k + " is not an integer");
            int step = k.asInt();
            if (step >= 31) throw new ReplayException("disable_corrector entry " + step + " is not supported; supported: steps 0 … 30");
            if (step >= 0) mask |= 1 << step;
        }
        return mask;
    }

    /** DEISMultistepScheduler: ρAB-DEIS in log ρ (the DPM-Solver names are re-registered as deis/logrho). */
    private static Tensor deis(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, null);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        int order = k.integer("solver_order", 2);
        Prediction target = Diffusers.prediction(k);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995), maxValue = k.real("sample_max_value", 1.0);
        k.choice("algorithm_type", "deis", "deis", "dpmsolver", "dpmsolver++");
        k.choice("solver_type", "logrho", "logrho", "midpoint", "heun", "bh1", "bh2");
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        SigmaKind kind = sigmaKind(k);
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        int offset = k.integer("steps_offset", 0);
        k.finish();
        if (order < 1 || order > 3) throw new ReplayException("solver_order = " + order + " is not supported; supported: 1, 2, 3");
        int n = Diffusers.inferenceSteps(c);
        // DEIS ends at σ₀ after interpolated σ's, or repeats the last spaced σ (a final step of length 0)
        Sigmas sg = sigmas(table, spacing, offset, kind, n, null, null, false);
        checkShortGridRule(c, sg.timesteps().length, lowerOrderFinal);
        SolverOptions options = new Diffusers.Options(ctx, "deis")
                .put("solver_order", order)
                .put("lower_order_final", lowerOrderFinal)
                .soft("lower_order_final_below", 15)
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .build();
        Plan plan = Plan.simple("deis", options, target, grid(s, sg), Plan.Space.VP, 1.0, sg.timesteps(), sg.sigmas(),
                "DEIS order " + order + " " + kind + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * SASolverScheduler ({@code sa-solver}): the DPM-Solver timesteps (λ-clipped, n + 1 spaced, the last dropped), σ's
     * interpolated then σ₀ (or a Karras / exponential spacing repeating its last σ), the default τ function
     * (τ = 1 for timesteps 200 … 800, else 0), predictor and corrector orders with lower_order_final.
     */
    private static Tensor saSolver(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, null);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        int predictorOrder = k.integer("predictor_order", 2), correctorOrder = k.integer("corrector_order", 2);
        Prediction target = Diffusers.prediction(k);
        k.requireNull("tau_func", "a Python callable; only the default τ window is reproduced");
        k.require("thresholding", false, "the sa-solver solver has no dynamic thresholding");
        k.ignore("dynamic_thresholding_ratio", "sample_max_value"); // used by thresholding only
        String algorithm = k.choice("algorithm_type", "data_prediction", "data_prediction", "noise_prediction");
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        SigmaKind kind = sigmaKindNoShift(k);
        double lambdaMinClipped = k.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        k.requireNull("variance_type", "learned variances need a model that outputs them");
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        int offset = k.integer("steps_offset", 0);
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        int nTrain = ac.length;
        int last = nTrain - DpmFamily.clippedCount(ac, lambdaMinClipped);
        double[] ts = spacing.multistepTimesteps(nTrain, last, n, offset);
        Sigmas sg;
        if (kind == SigmaKind.INTERPOLATED) {
            double[] sig = new double[ts.length + 1];
            for (int i = 0; i < ts.length; i++) sig[i] = table.interp(ts[i]);
            sig[ts.length] = table.sigmas[0];
            sg = new Sigmas(ts, sig);
        } else {
            sg = sigmas(table, spacing, offset, kind, n, null, null, false);
        }
        SolverOptions options = new Diffusers.Options(ctx, "sa-solver")
                .put("predictor_order", predictorOrder)
                .put("corrector_order", correctorOrder)
                .put("lower_order_final", lowerOrderFinal)
                .put("algorithm_type", algorithm)
                .put("tau", 1.0).put("tau_window_start", 200.0).put("tau_window_end", 800.0)
                .build();
        Plan plan = Plan.simple("sa-solver", options, target, grid(s, sg), Plan.Space.VP, 1.0, sg.timesteps(), sg.sigmas(),
                "SA-Solver p" + predictorOrder + " c" + correctorOrder + " " + kind + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** The σ spacing keys of schedulers without dynamic shifting (SA-Solver). */
    static SigmaKind sigmaKindNoShift(ConfigReader k) {
        boolean karras = k.bool("use_karras_sigmas", false);
        boolean exponential = k.bool("use_exponential_sigmas", false);
        boolean beta = k.bool("use_beta_sigmas", false);
        k.require("use_flow_sigmas", false, "flow sigmas belong to flow-matching models");
        k.requireReal("flow_shift", 1.0, "only used with flow sigmas");
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        return karras ? SigmaKind.KARRAS : exponential ? SigmaKind.EXPONENTIAL : beta ? SigmaKind.BETA : SigmaKind.INTERPOLATED;
    }
}
