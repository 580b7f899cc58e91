package org.diffuse4j.cli.replay;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;
import org.diffuse4j.samplers.ode.FlowMatchGrids;

/**
 * diffusers' classic ODE schedulers: the σ-space family ({@code EulerDiscreteScheduler},
 * {@code HeunDiscreteScheduler}, {@code LMSDiscreteScheduler}, {@code KDPM2DiscreteScheduler}), PNDM
 * ({@code PNDMScheduler}) and flow matching ({@code FlowMatchEulerDiscreteScheduler},
 * {@code FlowMatchHeunDiscreteScheduler}). Each grid carries exactly the σ/α values and model timesteps the
 * scheduler's {@code set_timesteps} produces, including its quirks (which conversions round their timesteps,
 * which ones honour {@code sigma_min}/{@code sigma_max}, LMS's beta branch that converts nothing).
 */
final class DiffusersClassicTranslations {
    private DiffusersClassicTranslations() {}

    static void register(Translations.Registry r) {
        r.add("diffusers", "EulerDiscreteScheduler", (sampler, c) -> eulerDiscrete(c));
        r.add("diffusers", "HeunDiscreteScheduler", (sampler, c) -> heunDiscrete(c));
        r.add("diffusers", "LMSDiscreteScheduler", (sampler, c) -> lmsDiscrete(c));
        r.add("diffusers", "KDPM2DiscreteScheduler", (sampler, c) -> kdpm2Discrete(c));
        r.add("diffusers", "PNDMScheduler", (sampler, c) -> pndm(c));
        r.add("diffusers", "FlowMatchEulerDiscreteScheduler", (sampler, c) -> flowMatchEuler(c));
        r.add("diffusers", "FlowMatchHeunDiscreteScheduler", (sampler, c) -> flowMatchHeun(c));
        r.add("diffusers", "IPNDMScheduler", (sampler, c) -> {
            throw new ReplayException("diffusers IPNDMScheduler cannot run on a problem's schedule: it builds its own "
                    + "(σ = sin²(π/2 · linspace(1, 0, n + 1)), reading trained_betas as those σ); use the solver 'ipndm' with any grid");
        });
    }

    // ------------------------------------------------------------------ the σ-space family

    /** How {@code set_timesteps} replaces the interpolated sigmas. */
    enum Conversion { NONE, KARRAS, EXPONENTIAL, BETA }

    /**
     * One σ-space scheduler's {@code set_timesteps}: timesteps by spacing, σ/α interpolated at them (linearly,
     * or log-linearly over n + 1 values as Euler's {@code interpolation_type="log_linear"}), optionally replaced
     * by Karras / exponential / beta sigmas whose timesteps come from {@code _sigma_to_t}, then the final σ.
     *
     * @param configRange   whether the conversions honour the config's sigma_min/sigma_max (Euler)
     * @param roundKarras   whether Karras timesteps are rounded (KDPM2)
     * @param convertBeta   false for LMS, whose beta branch keeps the sigmas and only recomputes the timesteps
     * @param continuousV   Euler's {@code timestep_type="continuous"} with v-prediction: the model receives ¼ log σ
     */
    record SigmaSchedule(TimestepSpacing spacing, int offset, boolean logLinear, Conversion conversion, double sigmaMin,
                         double sigmaMax, boolean configRange, boolean roundKarras, boolean convertBeta, boolean finalSigmaMin,
                         boolean continuousV) {

        /** σ/α of every level the scheduler steps through (steps + 1 values) and the timestep handed out at each. */
        Grid build(SigmaTable s, int steps) {
            double[] ts = spacing.timesteps(s.trainSteps(), steps, offset, false);
            double[] sig;
            if (logLinear) { // torch.linspace(log σ_max, log σ_min, n + 1).exp()
                sig = new double[steps + 1];
                double hi = Math.log(s.sigmaVe(s.trainSteps() - 1)), lo = Math.log(s.sigmaVe(0));
                for (int i = 0; i <= steps; i++) sig[i] = Math.exp(Translations.torchLinspace(hi, lo, steps + 1, i));
            } else {
                sig = new double[steps];
                for (int i = 0; i < steps; i++) sig[i] = s.sigmaVeAt(ts[i]);
            }
            double[] model = ts;
            if (conversion != Conversion.NONE) {
                double min = configRange && !Double.isNaN(sigmaMin) ? sigmaMin : sig[sig.length - 1];
                double max = configRange && !Double.isNaN(sigmaMax) ? sigmaMax : sig[0];
                sig = switch (conversion) {
                    case KARRAS -> Grids.karrasSigmas(steps, min, max, 7.0, false);
                    case EXPONENTIAL -> exponential(steps, min, max);
                    case BETA -> convertBeta ? beta(steps, min, max) : sig;
                    case NONE -> sig;
                };
                model = new double[sig.length];
                for (int i = 0; i < sig.length; i++) {
                    double k = s.timestepOfSigmaVe(sig[i]);
                    model[i] = conversion == Conversion.KARRAS && roundKarras ? Math.rint(k) : k;
                }
            }
            if (continuousV) {
                model = new double[sig.length];
                for (int i = 0; i < sig.length; i++) model[i] = 0.25 * Math.log(sig[i]);
            }
            // the steps walk sigmas[0 … steps]; with log-linear interpolation those are the n + 1 log-spaced values
            // and the appended final σ is never reached
            double[] levels = new double[steps + 1];
            double[] times = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                levels[i] = i < sig.length ? sig[i] : finalSigmaMin ? s.sigmaVe(0) : 0;
                times[i] = i < steps ? model[i] : levels[i] == 0 ? 0 : s.timestepOfSigmaVe(levels[i]);
            }
            return s.grid(levels, times);
        }

        String describe() {
            return spacing.name().toLowerCase() + (offset != 0 ? ", steps_offset=" + offset : "") + (logLinear ? ", log_linear" : "")
                    + (conversion != Conversion.NONE ? ", " + conversion.name().toLowerCase() + " sigmas" : "")
                    + (finalSigmaMin ? ", final sigma_min" : "") + (continuousV ? ", continuous timesteps" : "");
        }
    }

    /** The keys every σ-space scheduler shares. */
    private static SigmaSchedule sigmaSchedule(ConfigReader c, boolean euler, boolean roundKarras, boolean convertBeta) {
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        boolean karras = c.bool("use_karras_sigmas", false);
        boolean exponential = c.bool("use_exponential_sigmas", false);
        boolean beta = c.bool("use_beta_sigmas", false);
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        Conversion conversion = karras ? Conversion.KARRAS : exponential ? Conversion.EXPONENTIAL : beta ? Conversion.BETA : Conversion.NONE;
        boolean logLinear = false, finalSigmaMin = false;
        double sigmaMin = Double.NaN, sigmaMax = Double.NaN;
        if (euler) {
            logLinear = c.choice("interpolation_type", "linear", "linear", "log_linear").equals("log_linear");
            sigmaMin = c.real("sigma_min", Double.NaN);
            sigmaMax = c.real("sigma_max", Double.NaN);
            finalSigmaMin = c.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("sigma_min");
        }
        return new SigmaSchedule(spacing, offset, logLinear, conversion, sigmaMin, sigmaMax, euler, roundKarras, convertBeta,
                finalSigmaMin, false);
    }

    static ReferenceSetup eulerDiscrete(ConfigReader c) {
        SigmaSchedule sched = sigmaSchedule(c, true, false, true);
        boolean rescale = c.bool("rescale_betas_zero_snr", false);
        boolean continuous = c.choice("timestep_type", "discrete", "discrete", "continuous").equals("continuous");
        Prediction target = Translations.diffusersPrediction(c);
        if (continuous && target == Prediction.V) { // diffusers hands out ¼ log σ only for v-prediction
            sched = new SigmaSchedule(sched.spacing(), sched.offset(), sched.logLinear(), sched.conversion(), sched.sigmaMin(),
                    sched.sigmaMax(), true, false, true, sched.finalSigmaMin(), true);
        }
        SigmaSchedule fixed = sched;
        return new ReferenceSetup("euler", SolverOptions.NONE, target,
                (schedule, steps) -> fixed.build(rescale ? SigmaTable.zeroTerminalSnr(Translations.discrete(schedule)) : SigmaTable.of(Translations.discrete(schedule)), steps),
                StateSpace.VE, "EulerDiscreteScheduler(" + fixed.describe() + (rescale ? ", zero terminal SNR" : "") + ")");
    }

    static ReferenceSetup heunDiscrete(ConfigReader c) {
        SigmaSchedule sched = sigmaSchedule(c, false, false, true);
        boolean clip = c.bool("clip_sample", false);
        double range = c.real("clip_sample_range", 1.0);
        Prediction target = Translations.diffusersPrediction(c);
        SolverOptions options = clip ? SolverOptions.NONE.with("clip_sample", "true").with("clip_sample_range", Double.toString(range))
                : SolverOptions.NONE;
        return new ReferenceSetup("heun", options, target, (schedule, steps) -> sched.build(SigmaTable.of(Translations.discrete(schedule)), steps),
                StateSpace.VE, "HeunDiscreteScheduler(" + sched.describe() + (clip ? ", clip_sample=" + range : "") + ")");
    }

    /** LMSDiscreteScheduler; {@code order} is an argument of its {@code step} (default 4), read here when given. */
    static ReferenceSetup lmsDiscrete(ConfigReader c) {
        SigmaSchedule sched = sigmaSchedule(c, false, false, false);
        int order = c.integer("order", 4);
        if (order < 1 || order > 4) throw new ReplayException("LMSDiscreteScheduler: order = " + order + " is not supported; supported: 1 … 4");
        Prediction target = Translations.diffusersPrediction(c);
        return new ReferenceSetup("lms", SolverOptions.NONE.with("order", Integer.toString(order)), target,
                (schedule, steps) -> sched.build(SigmaTable.of(Translations.discrete(schedule)), steps),
                StateSpace.VE, "LMSDiscreteScheduler(" + sched.describe() + ", order " + order + ")");
    }

    static ReferenceSetup kdpm2Discrete(ConfigReader c) {
        SigmaSchedule sched = sigmaSchedule(c, false, true, true);
        Prediction target = Translations.diffusersPrediction(c);
        return new ReferenceSetup("dpm2", SolverOptions.NONE, target, (schedule, steps) -> sched.build(SigmaTable.of(Translations.discrete(schedule)), steps),
                StateSpace.VE, "KDPM2DiscreteScheduler(" + sched.describe() + ")");
    }

    // ------------------------------------------------------------------ PNDM

    static ReferenceSetup pndm(ConfigReader c) {
        boolean skipPrk = c.bool("skip_prk_steps", false);
        boolean setAlphaToOne = c.bool("set_alpha_to_one", false);
        String prediction = c.choice("prediction_type", "epsilon", "epsilon", "v_prediction");
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "leading", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        Prediction target = Prediction.parse(prediction);
        SolverOptions options = SolverOptions.NONE.with("skip_prk_steps", Boolean.toString(skipPrk)).with("diffusers_timesteps", "true")
                .with("combined_output", target == Prediction.V ? "v_prediction" : "epsilon");
        return new ReferenceSetup("pndm", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
            if (!skipPrk && steps < 4) {
                throw new ReplayException("PNDMScheduler with skip_prk_steps=false needs at least 4 steps (its PRK warm-up indexes the last four timesteps)");
            }
            // the distinct timesteps the model is called at, from noise to data, then final_alpha_cumprod
            double[] ts = spacing.timesteps(s.trainSteps(), steps, offset, true);
            return Grids.vpTimesteps(s, ts, setAlphaToOne ? NoiseLevel.clean(0, -1) : s.timestep(0));
        }, StateSpace.VP, "PNDMScheduler(" + (skipPrk ? "plms" : "prk + plms") + ", " + spacing.name().toLowerCase()
                + (offset != 0 ? ", steps_offset=" + offset : "") + ", set_alpha_to_one=" + setAlphaToOne + ", " + prediction + ")");
    }

    // ------------------------------------------------------------------ flow matching

    static ReferenceSetup flowMatchEuler(ConfigReader c) {
        int trainSteps = c.integer("num_train_timesteps", 1000);
        double shift = c.real("shift", 1.0);
        c.require("use_dynamic_shifting", false, "the shift μ comes from the pipeline's image size, not from the config");
        c.ignore("base_shift", "max_shift", "base_image_seq_len", "max_image_seq_len", "time_shift_type"); // only feed μ
        c.require("invert_sigmas", false, "inverted sigmas run from data to noise");
        c.require("stochastic_sampling", false, "stochastic sampling draws noise; it is not the ODE solver");
        double terminal = c.real("shift_terminal", Double.NaN);
        boolean karras = c.bool("use_karras_sigmas", false);
        boolean exponential = c.bool("use_exponential_sigmas", false);
        boolean beta = c.bool("use_beta_sigmas", false);
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        return new ReferenceSetup("flow-euler", SolverOptions.NONE, Prediction.VELOCITY, (schedule, steps) -> {
            double[] sig = FlowMatchGrids.diffusersSigmas(trainSteps, steps, shift);
            if (!Double.isNaN(terminal) && terminal != 0) sig = FlowMatchGrids.stretchToTerminal(sig, terminal);
            double min = sig[sig.length - 1], max = sig[0];
            if (karras) sig = Grids.karrasSigmas(steps, min, max, 7.0, false);
            if (exponential) sig = exponential(steps, min, max);
            if (beta) sig = beta(steps, min, max);
            return FlowMatchGrids.grid(schedule, sig, trainSteps);
        }, StateSpace.VP, "FlowMatchEulerDiscreteScheduler(shift=" + shift + (Double.isNaN(terminal) ? "" : ", shift_terminal=" + terminal)
                + (karras ? ", karras" : exponential ? ", exponential" : beta ? ", beta" : "") + ")");
    }

    static ReferenceSetup flowMatchHeun(ConfigReader c) {
        int trainSteps = c.integer("num_train_timesteps", 1000);
        double shift = c.real("shift", 1.0);
        return new ReferenceSetup("flow-heun", SolverOptions.NONE, Prediction.VELOCITY,
                (schedule, steps) -> FlowMatchGrids.grid(schedule, FlowMatchGrids.diffusersSigmas(trainSteps, steps, shift), trainSteps),
                StateSpace.VP, "FlowMatchHeunDiscreteScheduler(shift=" + shift + ")");
    }

    // ------------------------------------------------------------------ sigma conversions

    /** {@code _convert_to_exponential}: exp(numpy.linspace(log σ_max, log σ_min, n)). */
    static double[] exponential(int n, double sigmaMin, double sigmaMax) {
        return org.diffuse4j.cli.replay.suite.SigmaTable.exponential(n, sigmaMin, sigmaMax);
    }

    /** {@code _convert_to_beta} (Lee et al. 2024, arXiv:2407.12173), Beta(0.6, 0.6) quantiles. */
    static double[] beta(int n, double sigmaMin, double sigmaMax) {
        return org.diffuse4j.cli.replay.suite.SigmaTable.beta(n, sigmaMin, sigmaMax);
    }

    // numpy.linspace(start, end, n)[i]
    static double numpyLinspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        if (i == n - 1) return end;
        return start + i * ((end - start) / (n - 1));
    }

}
