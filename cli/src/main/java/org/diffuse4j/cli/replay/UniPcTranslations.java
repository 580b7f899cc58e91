package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;

/** UniPC and DEIS: the official {@code uni_pc.py}, diffusers' {@code UniPCMultistepScheduler} and {@code DEISMultistepScheduler}. */
final class UniPcTranslations {
    private UniPcTranslations() {}

    static void register(Translations.Registry r) {
        r.add("unipc", "UniPC.sample", UniPcTranslations::official);
        r.add("diffusers", "UniPCMultistepScheduler", (sampler, c) -> diffusersUniPc(c));
        r.add("diffusers", "DEISMultistepScheduler", (sampler, c) -> diffusersDeis(c));
    }

    // ------------------------------------------------------------------ official uni_pc.py

    /**
     * {@code UniPC(model_fn, NoiseScheduleVP('discrete'), algorithm_type, variant).sample(x, steps, t_start, t_end,
     * order, skip_type, method, lower_order_final, denoise_to_zero)}: continuous time t_k = (k + 1)/N with log α
     * piecewise linear (no λ clipping, unlike the official DPM-Solver), the network at 1000·(t − 1/N), from
     * t = 1 to 1/N. {@code final_corrector} is the official code with the corrector kept at the last step.
     */
    static ReferenceSetup official(String sampler, ConfigReader c) {
        String variant = c.choice("variant", "bh1", "bh1", "bh2", "vary_coeff");
        boolean predictX0 = c.choice("algorithm_type", "data_prediction", "data_prediction", "noise_prediction").equals("data_prediction");
        int order = c.integer("order", 2);
        if (order < 1 || order > 3) throw new ReplayException("unipc: order = " + order + " is not supported; supported: 1, 2, 3");
        String skip = c.choice("skip_type", "time_uniform", "logSNR", "time_uniform", "time_quadratic");
        String method = c.string("method", "multistep");
        if (!method.equals("multistep")) {
            throw new ReplayException("unipc: method = '" + method + "' is not supported; UniPC.sample runs only 'multistep'");
        }
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        boolean denoiseToZero = c.bool("denoise_to_zero", false);
        boolean finalCorrector = c.bool("final_corrector", false);
        Double tStart = optionalReal(c, "t_start"), tEnd = optionalReal(c, "t_end");
        Prediction target = switch (c.choice("prediction_type", "noise", "noise", "x_start", "sample", "v")) {
            case "noise" -> Prediction.EPSILON;
            case "x_start", "sample" -> Prediction.DATA;
            default -> Prediction.V;
        };
        String x0Fn = c.choice("correcting_x0_fn", "none", "none", "dynamic_thresholding");
        double ratio = c.real("dynamic_thresholding_ratio", 0.995);
        double maxVal = c.real("thresholding_max_val", 1.0);
        boolean thresholding = x0Fn.equals("dynamic_thresholding");
        if (thresholding && maxVal != 1.0) { // official s = max(quantile, max_val); only max_val = 1 is max(1, quantile)
            throw new ReplayException("unipc: thresholding_max_val = " + maxVal + " is not supported; supported: 1.0");
        }
        c.requireNull("correcting_xt_fn");
        c.ignore("atol", "rtol", "return_intermediate"); // adaptive-method tolerances; the returned sample is the same
        SolverOptions options = SolverOptions.NONE
                .with("variant", variant)
                .with("solver_order", Integer.toString(order))
                .with("predict_x0", Boolean.toString(predictX0))
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("lower_order_final_below", Integer.toString(Integer.MAX_VALUE)) // at any number of steps
                .with("final_corrector", Boolean.toString(finalCorrector))
                .with("denoise_to_zero", Boolean.toString(denoiseToZero))
                .with("thresholding", Boolean.toString(thresholding))
                .with("dynamic_thresholding_ratio", Double.toString(ratio))
                .with("sample_max_value", Double.toString(Double.POSITIVE_INFINITY));
        return new ReferenceSetup("unipc", options, target, (schedule, steps) -> {
            if (steps < order) throw new ReplayException("unipc: steps = " + steps + " < order = " + order + " (UniPC.sample asserts steps >= order)");
            DiscreteVpSchedule s = Translations.discrete(schedule);
            double tT = tStart == null ? 1.0 : tStart, t0 = tEnd == null ? 1.0 / s.trainSteps() : tEnd;
            if (!(t0 > 0 && tT > 0)) throw new ReplayException("unipc: t_start and t_end must be positive, got " + tT + ", " + t0);
            Grid g = Grids.explicit(s, officialTimes(s, skip, tT, t0, steps));
            if (!denoiseToZero) return g;
            List<NoiseLevel> levels = new ArrayList<>(g.levels());
            levels.add(NoiseLevel.clean(0, s.modelTime(0)));
            return Grid.of(s, levels);
        }, StateSpace.VP, "UniPC.sample(" + variant + ", " + (predictX0 ? "data" : "noise") + " prediction, order " + order + ", "
                + skip + (finalCorrector ? ", final corrector" : "") + (denoiseToZero ? ", denoise_to_zero" : "") + ")");
    }

    /** UniPC.get_time_steps: torch.linspace in t, √t or λ (then inverse_lambda at every point, the ends included). */
    static double[] officialTimes(DiscreteVpSchedule s, String skip, double tT, double t0, int steps) {
        double[] t = new double[steps + 1];
        switch (skip) {
            case "logSNR" -> {
                double lT = s.lambda(tT), l0 = s.lambda(t0);
                for (int i = 0; i <= steps; i++) t[i] = s.tOfLambda(Translations.torchLinspace(lT, l0, steps + 1, i));
            }
            case "time_uniform" -> {
                for (int i = 0; i <= steps; i++) t[i] = Translations.torchLinspace(tT, t0, steps + 1, i);
            }
            default -> {
                double a = Math.sqrt(tT), b = Math.sqrt(t0);
                for (int i = 0; i <= steps; i++) {
                    double r = Translations.torchLinspace(a, b, steps + 1, i);
                    t[i] = r * r;
                }
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ diffusers

    /** The σ/α schedule of diffusers' multistep schedulers' set_timesteps: levels, the timesteps the network receives. */
    record Sigmas(double[] sigmas, double[] modelTimes) {}

    /** How set_timesteps chooses σ: interpolated at the spaced timesteps, or Karras / exponential / beta spacing in σ. */
    enum SigmaSpacing { TIMESTEPS, KARRAS, EXPONENTIAL, BETA }

    static SigmaSpacing sigmaSpacing(ConfigReader c, String where) {
        boolean karras = c.bool("use_karras_sigmas", false);
        boolean exponential = c.bool("use_exponential_sigmas", false);
        boolean beta = c.bool("use_beta_sigmas", false);
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException(where + ": only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas may be true");
        }
        c.require("use_flow_sigmas", false, "flow sigmas belong to rectified-flow models");
        c.require("use_dynamic_shifting", false, "dynamic shifting applies to flow sigmas only");
        c.ignore("flow_shift", "time_shift_type"); // used by flow sigmas only
        return karras ? SigmaSpacing.KARRAS : exponential ? SigmaSpacing.EXPONENTIAL : beta ? SigmaSpacing.BETA : SigmaSpacing.TIMESTEPS;
    }

    /**
     * set_timesteps of UniPCMultistepScheduler / DEISMultistepScheduler, in float64: without a σ spacing, σ/α
     * interpolated at the spaced timesteps (the network receives those); with one, n values between σ_min and
     * σ_max, the network receiving {@code _sigma_to_t} rounded (Karras) or truncated by the int64 cast
     * (exponential). The last level is σ = 0 when {@code toZero}, else σ/α of timestep 0 without a σ spacing and
     * the last spaced σ again with one (a final step of length 0).
     */
    static Sigmas diffusersSigmas(SigmaTable s, TimestepSpacing spacing, int offset, SigmaSpacing kind, int steps,
                                  Double configSigmaMin, Double configSigmaMax, boolean toZero) {
        int n = s.trainSteps();
        double[] ts = spacing.multistepTimesteps(n, n, steps, offset);
        if (kind == SigmaSpacing.TIMESTEPS) {
            double[] sig = new double[ts.length + 1], model = new double[ts.length + 1];
            for (int i = 0; i < ts.length; i++) {
                sig[i] = s.sigmaVeAt(ts[i]);
                model[i] = ts[i];
            }
            sig[ts.length] = toZero ? 0 : s.sigmaVe(0);
            return new Sigmas(sig, model);
        }
        double sigmaMin = configSigmaMin == null ? s.sigmaVe(0) : configSigmaMin;
        double sigmaMax = configSigmaMax == null ? s.sigmaVe(n - 1) : configSigmaMax;
        double[] spaced = switch (kind) {
            case KARRAS -> Grids.karrasSigmas(steps, sigmaMin, sigmaMax, 7.0, false);
            case EXPONENTIAL -> DiffusersClassicTranslations.exponential(steps, sigmaMin, sigmaMax);
            default -> DiffusersClassicTranslations.beta(steps, sigmaMin, sigmaMax);
        };
        double[] sig = new double[steps + 1], model = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            sig[i] = spaced[i];
            double t = s.timestepOfSigmaVe(spaced[i]);
            model[i] = kind == SigmaSpacing.KARRAS ? Math.rint(t) : (long) t;
        }
        sig[steps] = toZero ? 0 : spaced[steps - 1];
        return new Sigmas(sig, model);
    }

    static ReferenceSetup diffusersUniPc(ConfigReader c) {
        String where = "diffusers UniPCMultistepScheduler";
        int order = c.integer("solver_order", 2);
        if (order < 1 || order > 3) throw new ReplayException(where + ": solver_order = " + order + " is not supported; supported: 1, 2, 3");
        // __init__ re-registers the DPM-Solver / DEIS names as bh2
        String variant = c.choice("solver_type", "bh2", "bh1", "bh2", "midpoint", "heun", "logrho");
        if (!variant.equals("bh1")) variant = "bh2";
        boolean predictX0 = c.bool("predict_x0", true);
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        int mask = disableCorrectorMask(c, where);
        JsonNode solverP = c.json("solver_p");
        if (solverP != null) throw new ReplayException(where + ": solver_p = " + solverP + " is not supported (UniC on top of another scheduler)");
        SigmaSpacing kind = sigmaSpacing(c, where);
        Double sigmaMin = optionalReal(c, "sigma_min"), sigmaMax = optionalReal(c, "sigma_max");
        c.requireNull("shift_terminal");
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        boolean zero = c.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        boolean rescale = c.bool("rescale_betas_zero_snr", false);
        boolean thresholding = c.bool("thresholding", false) && predictX0; // convert_model_output thresholds x̂₀ only
        double ratio = c.real("dynamic_thresholding_ratio", 0.995), maxValue = c.real("sample_max_value", 1.0);
        Prediction target = Translations.diffusersPrediction(c);
        String finalVariant = variant;
        SolverOptions options = SolverOptions.NONE
                .with("variant", variant)
                .with("solver_order", Integer.toString(order))
                .with("predict_x0", Boolean.toString(predictX0))
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("lower_order_final_below", Integer.toString(Integer.MAX_VALUE)) // at any number of steps, unlike its docstring
                .with("disable_corrector_mask", Integer.toString(mask))
                .with("thresholding", Boolean.toString(thresholding))
                .with("dynamic_thresholding_ratio", Double.toString(ratio))
                .with("sample_max_value", Double.toString(maxValue));
        return new ReferenceSetup("unipc", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
            SigmaTable table = rescale ? SigmaTable.zeroTerminalSnr(s) : SigmaTable.of(s);
            Sigmas sig = diffusersSigmas(table, spacing, offset, kind, steps, sigmaMin, sigmaMax, zero);
            double[] sigmas = sig.sigmas();
            int n = sigmas.length - 1;
            int lastOrder = lowerOrderFinal ? 1 : Math.min(order, n);
            if (zero) { // diffusers' own arithmetic is not finite at σ = 0 here; refuse rather than differ
                if (!predictX0) throw new ReplayException(where + ": predict_x0 = false with final_sigmas_type = 'zero' gives NaN in diffusers (σ_t·(e^h − 1) = 0·∞ at the last step)");
                if (finalVariant.equals("bh1")) throw new ReplayException(where + ": solver_type = 'bh1' with final_sigmas_type = 'zero' gives NaN in diffusers (B(h) = h = −∞ at the last step)");
                if (lastOrder >= 2) throw new ReplayException(where + ": lower_order_final = false with solver_order ≥ 2 and final_sigmas_type = 'zero' gives NaN in diffusers (r_k = 0 at the last step)");
            } else if (sigmas[n] == sigmas[n - 1] && lastOrder == 3) {
                throw new ReplayException(where + ": lower_order_final = false with solver_order = 3 and a repeated last σ gives NaN in diffusers (h = 0 at the last step)");
            }
            return table.grid(sigmas, sig.modelTimes());
        }, StateSpace.VP, "UniPCMultistepScheduler(" + variant + ", order " + order + (predictX0 ? "" : ", noise prediction")
                + ", " + spacing.name().toLowerCase() + ", " + kind.name().toLowerCase() + ", final " + (zero ? "zero" : "sigma_min") + ")");
    }

    /** diffusers' disable_corrector list as the solver's bit mask (negative indices never match a step). */
    static int disableCorrectorMask(ConfigReader c, String where) {
        JsonNode list = c.json("disable_corrector");
        if (list == null) return 0;
        if (!list.isArray()) throw new ReplayException(where + ": disable_corrector must be a list of step indices, got " + list);
        int mask = 0;
        for (JsonNode k : list) {
            if (!k.canConvertToInt()) throw new ReplayException(where + ": disable_corrector entry " + k + " is not an integer");
            int step = k.asInt();
            if (step >= 31) throw new ReplayException(where + ": disable_corrector entry " + step + " is not supported; supported: steps 0 … 30");
            if (step >= 0) mask |= 1 << step;
        }
        return mask;
    }

    static ReferenceSetup diffusersDeis(ConfigReader c) {
        String where = "diffusers DEISMultistepScheduler";
        int order = c.integer("solver_order", 2);
        if (order < 1 || order > 3) throw new ReplayException(where + ": solver_order = " + order + " is not supported; supported: 1, 2, 3");
        c.choice("algorithm_type", "deis", "deis", "dpmsolver", "dpmsolver++"); // __init__ re-registers the others as deis
        c.choice("solver_type", "logrho", "logrho", "midpoint", "heun", "bh1", "bh2"); // … and these as logrho
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        SigmaSpacing kind = sigmaSpacing(c, where);
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        boolean thresholding = c.bool("thresholding", false);
        double ratio = c.real("dynamic_thresholding_ratio", 0.995), maxValue = c.real("sample_max_value", 1.0);
        Prediction target = Translations.diffusersPrediction(c);
        SolverOptions options = SolverOptions.NONE
                .with("solver_order", Integer.toString(order))
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("thresholding", Boolean.toString(thresholding))
                .with("dynamic_thresholding_ratio", Double.toString(ratio))
                .with("sample_max_value", Double.toString(maxValue));
        return new ReferenceSetup("deis", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
            // DEIS ends at σ of timestep 0, or repeats the last spaced σ (a final step of length 0)
            SigmaTable table = SigmaTable.of(s);
            Sigmas sig = diffusersSigmas(table, spacing, offset, kind, steps, null, null, false);
            return table.grid(sig.sigmas(), sig.modelTimes());
        }, StateSpace.VP, "DEISMultistepScheduler(order " + order + ", " + spacing.name().toLowerCase() + ", "
                + kind.name().toLowerCase() + ")");
    }

    /** A number that may be absent or null (then null). */
    private static Double optionalReal(ConfigReader c, String key) {
        if (c.has(key)) return c.real(key, Double.NaN);
        c.requireNull(key);
        return null;
    }
}
