package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;

/**
 * Translates a reference library's sampler configuration, in that library's own vocabulary, into a
 * {@link ReferenceSetup}: diffusers scheduler classes with their config, the official DPM-Solver's
 * {@code sample()} arguments, and k-diffusion sampler functions with their sigmas. Anything it cannot
 * reproduce exactly is refused with a {@link ReplayException} naming the key and value.
 */
public final class ReferenceTranslator {
    private ReferenceTranslator() {}

    /** Translates {@code config} of {@code sampler} from {@code library}. */
    public static ReferenceSetup translate(String library, String sampler, JsonNode config) {
        return switch (library) {
            case "diffusers" -> diffusers(sampler, new ConfigReader("diffusers " + sampler, config));
            case "dpm-solver" -> dpmSolver(sampler, new ConfigReader("dpm-solver " + sampler, config));
            case "k-diffusion" -> kDiffusion(sampler, new ConfigReader("k-diffusion " + sampler, config));
            default -> throw new ReplayException("library '" + library + "' is not supported yet; supported: diffusers, dpm-solver, k-diffusion");
        };
    }

    // ---------------------------------------------------------------- diffusers

    static ReferenceSetup diffusers(String sampler, ConfigReader c) {
        c.ignore("num_train_timesteps", "beta_start", "beta_end", "trained_betas");
        String betaSchedule = c.string("beta_schedule", "linear");
        c.require("rescale_betas_zero_snr", false, "zero-terminal-SNR rescaling arrives with the ODE family");
        ReferenceSetup setup = switch (sampler) {
            case "DDIMScheduler" -> ddimScheduler(c);
            case "EulerDiscreteScheduler" -> eulerDiscreteScheduler(c);
            case "DPMSolverMultistepScheduler" -> dpmSolverMultistepScheduler(c, betaSchedule);
            default -> throw new ReplayException("diffusers " + sampler + " is not supported yet; supported: DDIMScheduler, "
                    + "EulerDiscreteScheduler, DPMSolverMultistepScheduler");
        };
        c.finish();
        return setup;
    }

    private static Prediction diffusersPrediction(ConfigReader c) {
        String p = c.choice("prediction_type", "epsilon", "epsilon", "sample", "v_prediction");
        return Prediction.parse(p);
    }

    private static ReferenceSetup ddimScheduler(ConfigReader c) {
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "leading", "leading", "trailing", "linspace"));
        boolean setAlphaToOne = c.bool("set_alpha_to_one", true);
        int offset = c.integer("steps_offset", 0);
        c.require("clip_sample", false, "clip_sample arrives with the complete DDIM");
        c.require("thresholding", false, "dynamic thresholding arrives with the complete DDIM");
        c.ignore("clip_sample_range", "dynamic_thresholding_ratio", "sample_max_value");
        Prediction target = diffusersPrediction(c);
        return new ReferenceSetup("ddim", SolverOptions.NONE, target, (schedule, steps) -> {
            DiscreteVpSchedule s = discrete(schedule);
            double[] ts = spacing.timesteps(s.trainSteps(), steps, offset, true);
            int ratio = s.trainSteps() / steps;
            NoiseLevel fin = setAlphaToOne ? NoiseLevel.clean(0, -1) : s.timestep(0);
            // DDIMScheduler.step: prev_timestep = t − N // steps, ᾱ_prev = final_alpha_cumprod when negative
            List<NoiseLevel> landings = new ArrayList<>();
            for (double t : ts) {
                int prev = (int) t - ratio;
                landings.add(prev >= 0 ? s.timestep(prev) : fin);
            }
            List<NoiseLevel> levels = new ArrayList<>(Grids.vpTimesteps(s, ts, landings.get(landings.size() - 1)).levels());
            Grid grid = Grid.of(s, levels);
            boolean differs = false;
            for (int i = 0; i + 1 < ts.length; i++) differs |= !landings.get(i).equals(levels.get(i + 1));
            return differs ? grid.withLandings(landings) : grid;
        }, StateSpace.VP, "DDIMScheduler(" + spacing.name().toLowerCase() + ", set_alpha_to_one=" + setAlphaToOne
                + ", steps_offset=" + offset + ")");
    }

    private static ReferenceSetup eulerDiscreteScheduler(ConfigReader c) {
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        c.choice("interpolation_type", "linear", "linear");
        boolean karras = c.bool("use_karras_sigmas", false);
        c.require("use_exponential_sigmas", false, "exponential sigmas arrive with the ODE family");
        c.require("use_beta_sigmas", false, "beta sigmas are not supported yet");
        c.choice("timestep_type", "discrete", "discrete");
        c.requireNull("sigma_min");
        c.requireNull("sigma_max");
        String finalType = c.choice("final_sigmas_type", "zero", "zero", "sigma_min");
        Prediction target = diffusersPrediction(c);
        return new ReferenceSetup("euler", SolverOptions.NONE, target, (schedule, steps) -> {
            DiscreteVpSchedule s = discrete(schedule);
            double[] ts = spacing.timesteps(s.trainSteps(), steps, offset, false);
            double[] sig = new double[ts.length + 1];
            double[] model = new double[ts.length + 1];
            for (int i = 0; i < ts.length; i++) {
                sig[i] = s.sigmaVeAt(ts[i]);
                model[i] = ts[i];
            }
            if (karras) { // Karras between the interpolated ends; the network receives the unrounded _sigma_to_t
                double[] k = Grids.karrasSigmas(steps, sig[ts.length - 1], sig[0], 7.0, false);
                for (int i = 0; i < steps; i++) {
                    sig[i] = k[i];
                    model[i] = s.timestepOfSigmaVe(k[i]);
                }
            }
            sig[ts.length] = finalType.equals("zero") ? 0 : s.sigmaVe(0);
            return Grids.discreteSigmaGrid(s, sig, model);
        }, StateSpace.VE, "EulerDiscreteScheduler(" + spacing.name().toLowerCase() + (karras ? ", karras" : "") + ")");
    }

    private static ReferenceSetup dpmSolverMultistepScheduler(ConfigReader c, String betaSchedule) {
        String algorithm = c.choice("algorithm_type", "dpmsolver++", "dpmsolver++");
        int order = c.integer("solver_order", 2);
        if (order < 1 || order > 2) {
            throw new ReplayException("diffusers DPMSolverMultistepScheduler: solver_order = " + order
                    + " is not supported yet; supported: 1, 2");
        }
        String solverType = c.choice("solver_type", "midpoint", "midpoint", "heun");
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        boolean eulerAtFinal = c.bool("euler_at_final", false);
        String finalType = c.choice("final_sigmas_type", "zero", "zero", "sigma_min");
        boolean karras = c.bool("use_karras_sigmas", false);
        c.require("use_lu_lambdas", false, "Lu lambdas arrive with the ODE family");
        c.require("use_exponential_sigmas", false, "exponential sigmas arrive with the ODE family");
        c.require("use_beta_sigmas", false, "beta sigmas are not supported yet");
        c.require("use_flow_sigmas", false, "flow sigmas arrive with the ODE family");
        c.require("use_dynamic_shifting", false, "dynamic shifting is not supported yet");
        c.require("thresholding", false, "dynamic thresholding arrives with the ODE family");
        c.ignore("dynamic_thresholding_ratio", "sample_max_value", "flow_shift", "time_shift_type");
        c.requireNull("variance_type");
        double lambdaMinClipped = c.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        Prediction target = diffusersPrediction(c);
        SolverOptions options = SolverOptions.NONE
                .with("solver_order", Integer.toString(order))
                .with("solver_type", solverType)
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("lower_order_final_below", "15")
                .with("euler_at_final", Boolean.toString(eulerAtFinal));
        boolean roundKarras = !betaSchedule.equals("squaredcos_cap_v2");
        return new ReferenceSetup("dpmpp-2m", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = discrete(schedule);
            int n = s.trainSteps();
            int clipped = 0; // searchsorted(flip(λ), lambda_min_clipped)
            for (int k = 0; k < n; k++) {
                double ac = s.alphaCumprod(k);
                if (0.5 * Math.log(ac) - 0.5 * Math.log(1 - ac) < lambdaMinClipped) clipped++;
            }
            double[] ts = spacing.multistepTimesteps(n, n - clipped, steps, offset);
            double[] sig = new double[ts.length + 1];
            double[] model = new double[ts.length + 1];
            if (karras) { // between the training table's ends; the network receives int(round(_sigma_to_t))
                double[] k = Grids.karrasSigmas(ts.length, s.sigmaVe(0), s.sigmaVe(n - 1), 7.0, false);
                for (int i = 0; i < ts.length; i++) {
                    sig[i] = k[i];
                    double t = s.timestepOfSigmaVe(k[i]);
                    model[i] = (long) (roundKarras ? Math.rint(t) : t);
                }
            } else {
                for (int i = 0; i < ts.length; i++) {
                    sig[i] = s.sigmaVeAt(ts[i]);
                    model[i] = ts[i];
                }
            }
            sig[ts.length] = finalType.equals("zero") ? 0 : s.sigmaVe(0);
            return Grids.discreteSigmaGrid(s, sig, model);
        }, StateSpace.VP, "DPMSolverMultistepScheduler(" + algorithm + ", order " + order + ", " + solverType
                + (karras ? ", karras" : "") + ", final " + finalType + ")");
    }

    // ---------------------------------------------------------------- official DPM-Solver

    static ReferenceSetup dpmSolver(String sampler, ConfigReader c) {
        if (!sampler.equals("DPM_Solver.sample")) {
            throw new ReplayException("dpm-solver " + sampler + " is not supported; supported: DPM_Solver.sample");
        }
        String algorithm = c.choice("algorithm_type", "dpmsolver++", "dpmsolver++", "dpmsolver");
        String method = c.choice("method", "multistep", "multistep", "singlestep", "singlestep_fixed", "adaptive");
        int order = c.integer("order", 2);
        String skip = c.choice("skip_type", "time_uniform", "logSNR", "time_uniform", "time_quadratic");
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        boolean denoiseToZero = c.bool("denoise_to_zero", false);
        String solverType = c.choice("solver_type", "dpmsolver", "dpmsolver", "taylor");
        c.requireNull("t_start");
        c.requireNull("t_end");
        Prediction target = switch (c.choice("prediction_type", "noise", "noise", "sample", "x_start", "v", "score")) {
            case "noise" -> Prediction.EPSILON;
            case "sample", "x_start" -> Prediction.DATA;
            case "v" -> Prediction.V;
            default -> Prediction.SCORE;
        };
        c.finish();
        String solverId;
        SolverOptions options = SolverOptions.NONE;
        if (method.equals("adaptive")) {
            throw new ReplayException("dpm-solver: method = adaptive is not supported yet (adaptive DPM-Solver-12/23 arrives with the ODE family)");
        }
        if (order == 1) {
            solverId = "ddim"; // DPM-Solver-1 ≡ DDIM in either parameterisation (Lu et al. 2022, Eq. (3.7))
        } else if (method.equals("multistep") && order == 2 && algorithm.equals("dpmsolver++")) {
            solverId = "dpmpp-2m";
            options = options.with("solver_order", "2")
                    .with("solver_type", solverType.equals("dpmsolver") ? "midpoint" : "heun")
                    .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                    .with("lower_order_final_below", "10")
                    .with("denoise_to_zero", Boolean.toString(denoiseToZero));
        } else {
            throw new ReplayException("dpm-solver: " + method + " order " + order + " with algorithm_type " + algorithm
                    + " is not supported yet; supported: order 1 (any method), multistep order 2 with dpmsolver++");
        }
        return new ReferenceSetup(solverId, options, target, (schedule, steps) -> {
            // NoiseScheduleVP('discrete') clips λ below −5.1; t runs from T = 1 to 1/N
            DiscreteVpSchedule s = discrete(schedule).clipLambdaBelow(-5.1);
            double tT = 1.0, t0 = 1.0 / s.trainSteps();
            Grid g = switch (skip) {
                case "logSNR" -> Grids.uniformLambda(s, steps, tT, t0);
                case "time_uniform" -> Grids.uniformTime(s, steps, tT, t0);
                default -> Grids.timeQuadratic(s, steps, tT, t0);
            };
            if (!denoiseToZero) return g;
            List<NoiseLevel> levels = new ArrayList<>(g.levels());
            levels.add(NoiseLevel.clean(0, s.modelTime(0)));
            return Grid.of(s, levels);
        }, StateSpace.VP, "DPM_Solver.sample(" + algorithm + ", " + method + ", order " + order + ", " + skip
                + (denoiseToZero ? ", denoise_to_zero" : "") + ")");
    }

    // ---------------------------------------------------------------- k-diffusion

    static ReferenceSetup kDiffusion(String sampler, ConfigReader c) {
        c.ignore("sampler");
        String sigmas = c.choice("sigmas", "karras", "karras", "discrete");
        c.finish();
        String solverId;
        SolverOptions options = SolverOptions.NONE;
        switch (sampler) {
            case "sample_euler" -> solverId = "euler";
            case "sample_dpmpp_2m" -> {
                solverId = "dpmpp-2m";
                options = options.with("lower_order_final", "false"); // only the σ = 0 step is first order
            }
            default -> throw new ReplayException("k-diffusion " + sampler + " is not supported yet; supported: sample_euler, sample_dpmpp_2m");
        }
        return new ReferenceSetup(solverId, options, Prediction.EPSILON, (schedule, steps) -> {
            DiscreteVpSchedule s = discrete(schedule);
            int n = s.trainSteps();
            double[] sig;
            if (sigmas.equals("karras")) { // get_sigmas_karras(n, sigma_min, sigma_max, rho=7) + [0]
                sig = Grids.karrasSigmas(steps, s.sigmaVe(0), s.sigmaVe(n - 1), 7.0, true);
            } else { // DiscreteSchedule.get_sigmas: t = linspace(N−1, 0, n), σ = t_to_sigma(t), + [0]
                sig = new double[steps + 1];
                for (int i = 0; i < steps; i++) sig[i] = s.sigmaVeOfTimestepLogLinear(torchLinspace(n - 1, 0, steps, i));
            }
            double[] model = new double[sig.length];
            for (int i = 0; i < sig.length; i++) model[i] = sig[i] == 0 ? 0 : s.timestepOfSigmaVe(sig[i]);
            return Grids.discreteSigmaGrid(s, sig, model);
        }, StateSpace.VE, "k-diffusion " + sampler + "(" + sigmas + ")");
    }

    /** torch.linspace(start, end, n)[i]: from the start in the first half, from the end in the second. */
    static double torchLinspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        double step = (end - start) / (n - 1);
        return i < n / 2 ? start + i * step : end - (n - 1 - i) * step;
    }

    private static DiscreteVpSchedule discrete(Schedule schedule) {
        if (schedule instanceof DiscreteVpSchedule d) return d;
        throw new ReplayException("this reference configuration needs a discrete VP schedule, got " + schedule);
    }
}
