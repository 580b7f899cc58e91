package org.diffuse4j.cli.replay;

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

/**
 * diffusers' DPM-Solver family: {@code DPMSolverMultistepScheduler} and {@code DPMSolverSinglestepScheduler} with the
 * ODE algorithm types {@code dpmsolver++} and {@code dpmsolver} (the SDE types belong to the stochastic samplers and
 * are refused by name).
 *
 * <p>Their {@code set_timesteps} is reproduced key by key: the spaced timesteps ({@code timestep_spacing},
 * {@code steps_offset}, {@code lambda_min_clipped}), or σ/α spaced by Karras et al., by uniform log σ
 * ({@code use_exponential_sigmas}), by Lu et al.'s uniform λ ({@code use_lu_lambdas}) or by the Beta(0.6, 0.6)
 * quantiles ({@code use_beta_sigmas}), with the timestep handed to the model from {@code _sigma_to_t} (rounded where
 * diffusers rounds it, then cast to int64), and the final σ ({@code final_sigmas_type}).
 */
final class DiffusersDpmSolverTranslations {
    private DiffusersDpmSolverTranslations() {}

    static void register(Translations.Registry r) {
        r.add("diffusers", "DPMSolverMultistepScheduler", (sampler, c) -> dpmSolverMultistepScheduler(c, c.string("beta_schedule", "linear")));
        r.add("diffusers", "DPMSolverSinglestepScheduler", (sampler, c) -> dpmSolverSinglestepScheduler(c, c.string("beta_schedule", "linear")));
    }

    /** How {@code set_timesteps} spaces the noise levels. */
    private enum Spacing { TIMESTEPS, KARRAS, LU, EXPONENTIAL, BETA }

    /** Everything {@code set_timesteps} needs, read from the config. */
    private record SigmaRule(Spacing spacing, TimestepSpacing timestepSpacing, int offset, double lambdaMinClipped, boolean roundSigmaTimesteps,
                             boolean finalZero, boolean rescaleZeroSnr) {
        String describe() {
            return (spacing == Spacing.TIMESTEPS ? timestepSpacing.name().toLowerCase() : spacing.name().toLowerCase())
                    + (finalZero ? ", final zero" : ", final sigma_min") + (rescaleZeroSnr ? ", zero terminal SNR" : "");
        }
    }

    static ReferenceSetup dpmSolverMultistepScheduler(ConfigReader c, String betaSchedule) {
        String where = "diffusers DPMSolverMultistepScheduler";
        String algorithm = algorithm(c, where, "sde-dpmsolver++", "sde-dpmsolver");
        int order = c.integer("solver_order", 2);
        if (order < 1 || order > 3) throw new ReplayException(where + ": solver_order = " + order + " is not supported; supported: 1, 2, 3");
        String solverType = solverType(c);
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        boolean eulerAtFinal = c.bool("euler_at_final", false);
        boolean karras = c.bool("use_karras_sigmas", false);
        boolean lu = c.bool("use_lu_lambdas", false);
        Spacing spacing = sigmaSpacing(c, where, karras, lu);
        boolean finalZero = finalZero(c, where, algorithm);
        double lambdaMinClipped = c.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        TimestepSpacing timestepSpacing = TimestepSpacing.parse(c.choice("timestep_spacing", "linspace", "leading", "trailing", "linspace"));
        int offset = c.integer("steps_offset", 0);
        boolean rescale = c.bool("rescale_betas_zero_snr", false);
        SolverOptions options = commonOptions(c, where, algorithm, false)
                .with("solver_order", Integer.toString(order))
                .with("solver_type", solverType)
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("lower_order_final_below", "15")
                .with("euler_at_final", Boolean.toString(eulerAtFinal));
        Prediction target = prediction(c, where);
        String solverId = algorithm.equals("dpmsolver") ? "dpm-solver" : order == 3 ? "dpmpp-3m" : "dpmpp-2m";
        // squaredcos_cap_v2 keeps the fractional _sigma_to_t (then cast to int64) for Karras and Lu sigmas
        SigmaRule rule = new SigmaRule(spacing, timestepSpacing, offset, lambdaMinClipped, !betaSchedule.equals("squaredcos_cap_v2"),
                finalZero, rescale);
        return new ReferenceSetup(solverId, options, target, (schedule, steps) -> grid(rule, Translations.discrete(schedule), steps),
                StateSpace.VP, "DPMSolverMultistepScheduler(" + algorithm + ", order " + order + ", " + solverType + ", " + rule.describe() + ")");
    }

    static ReferenceSetup dpmSolverSinglestepScheduler(ConfigReader c, String betaSchedule) {
        String where = "diffusers DPMSolverSinglestepScheduler";
        String algorithm = algorithm(c, where, "sde-dpmsolver++");
        int order = c.integer("solver_order", 2);
        if (order < 1 || order > 3) throw new ReplayException(where + ": solver_order = " + order + " is not supported; supported: 1, 2, 3");
        String solverType = solverType(c);
        boolean lowerOrderFinal = c.bool("lower_order_final", false);
        Spacing spacing = sigmaSpacing(c, where, c.bool("use_karras_sigmas", false), false);
        boolean finalZero = finalZero(c, where, algorithm);
        double lambdaMinClipped = c.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        SolverOptions options = commonOptions(c, where, algorithm, true)
                .with("solver_order", Integer.toString(order))
                .with("solver_type", solverType)
                .with("third_order_intermediate", solverType) // every sub-step takes solver_type's form
                .with("denoise_to_zero", "false");
        Prediction target = prediction(c, where);
        String solverId = algorithm.equals("dpmsolver") ? "dpm-solver-singlestep" : "dpmpp-2s";
        // lower_order_final=False with n not divisible by the order, or with final_sigmas_type="zero", switches diffusers
        // to lower_order_final=True; the fixed grouping is then the same (see OrderSchedule.FIXED)
        options = options.with("order_schedule", lowerOrderFinal ? "lower_order_final" : "fixed");
        SigmaRule rule = new SigmaRule(spacing, TimestepSpacing.LINSPACE, 0, lambdaMinClipped, true, finalZero, false);
        return new ReferenceSetup(solverId, options, target, (schedule, steps) -> grid(rule, Translations.discrete(schedule), steps),
                StateSpace.VP, "DPMSolverSinglestepScheduler(" + algorithm + ", order " + order + ", " + solverType
                + (lowerOrderFinal ? ", lower_order_final" : "") + ", " + rule.describe() + ")");
    }

    /** algorithm_type: the ODE types; "deis" is re-registered as dpmsolver++ by the scheduler; SDE types are refused. */
    private static String algorithm(ConfigReader c, String where, String... sde) {
        List<String> allowed = new ArrayList<>(List.of("dpmsolver++", "dpmsolver", "deis"));
        allowed.addAll(List.of(sde));
        String a = c.choice("algorithm_type", "dpmsolver++", allowed.toArray(String[]::new));
        if (a.startsWith("sde-")) {
            throw new ReplayException(where + ": algorithm_type = '" + a + "' is a stochastic (SDE) sampler, not reproduced by the "
                    + "deterministic DPM-Solver family; supported here: dpmsolver++, dpmsolver");
        }
        return a.equals("deis") ? "dpmsolver++" : a;
    }

    /** solver_type: midpoint or heun; the UniPC / DEIS names are re-registered as midpoint by the scheduler. */
    private static String solverType(ConfigReader c) {
        String t = c.choice("solver_type", "midpoint", "midpoint", "heun", "logrho", "bh1", "bh2");
        return t.equals("heun") ? "heun" : "midpoint";
    }

    private static Spacing sigmaSpacing(ConfigReader c, String where, boolean karras, boolean lu) {
        boolean exponential = c.bool("use_exponential_sigmas", false);
        boolean beta = c.bool("use_beta_sigmas", false);
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException(where + ": only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas may be true "
                    + "(diffusers refuses the combination)");
        }
        c.require("use_flow_sigmas", false, "flow sigmas belong to rectified-flow models");
        c.require("use_dynamic_shifting", false, "dynamic shifting applies to flow sigmas only");
        c.ignore("flow_shift", "time_shift_type"); // used by flow sigmas only
        // set_timesteps tests them in this order
        return karras ? Spacing.KARRAS : lu ? Spacing.LU : exponential ? Spacing.EXPONENTIAL : beta ? Spacing.BETA : Spacing.TIMESTEPS;
    }

    private static boolean finalZero(ConfigReader c, String where, String algorithm) {
        boolean zero = c.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        if (zero && algorithm.equals("dpmsolver")) {
            throw new ReplayException(where + ": final_sigmas_type = 'zero' with algorithm_type = 'dpmsolver' is refused by diffusers "
                    + "itself; supported: final_sigmas_type = 'sigma_min'");
        }
        return zero;
    }

    /** Thresholding and the keys that must keep their defaults. */
    private static SolverOptions commonOptions(ConfigReader c, String where, String algorithm, boolean singlestep) {
        c.requireNull("variance_type");
        boolean thresholding = c.bool("thresholding", false);
        double ratio = c.real("dynamic_thresholding_ratio", 0.995), maxValue = c.real("sample_max_value", 1.0);
        if (thresholding && singlestep && algorithm.equals("dpmsolver")) {
            throw new ReplayException(where + ": thresholding = true with algorithm_type = 'dpmsolver' is not supported (diffusers "
                    + "reads alpha_t[timestep] with timestep = None there, which does not threshold per sample)");
        }
        return thresholding ? SolverOptions.NONE.with("thresholding", "true").with("dynamic_thresholding_ratio", Double.toString(ratio))
                .with("sample_max_value", Double.toString(maxValue)) : SolverOptions.NONE;
    }

    private static Prediction prediction(ConfigReader c, String where) {
        String p = c.choice("prediction_type", "epsilon", "epsilon", "sample", "v_prediction", "flow_prediction");
        if (p.equals("flow_prediction")) {
            throw new ReplayException(where + ": prediction_type = 'flow_prediction' is not supported (it needs use_flow_sigmas)");
        }
        return Prediction.parse(p);
    }

    /** The levels set_timesteps gives for {@code steps} inference steps. */
    private static Grid grid(SigmaRule rule, DiscreteVpSchedule base, int steps) {
        SigmaTable s = rule.rescaleZeroSnr() ? SigmaTable.zeroTerminalSnr(base) : SigmaTable.of(base);
        int n = s.trainSteps();
        double[] sig, model;
        if (rule.spacing() == Spacing.TIMESTEPS) {
            int clipped = 0; // searchsorted(flip(λ), lambda_min_clipped): the timesteps with λ below it
            for (int k = 0; k < n; k++) {
                double ac = s.alphaCumprod(k);
                if (0.5 * Math.log(ac) - 0.5 * Math.log(1 - ac) < rule.lambdaMinClipped()) clipped++;
            }
            double[] ts = rule.timestepSpacing().multistepTimesteps(n, n - clipped, steps, rule.offset());
            sig = new double[ts.length + 1];
            model = new double[ts.length + 1];
            for (int i = 0; i < ts.length; i++) {
                if (ts[i] < 0 || ts[i] > n - 1) {
                    throw new ReplayException("timestep " + ts[i] + " (steps_offset " + rule.offset() + ") is outside the training range 0 … " + (n - 1));
                }
                sig[i] = s.sigmaVeAt(ts[i]);
                model[i] = ts[i];
            }
        } else {
            double sigmaMin = s.sigmaVe(0), sigmaMax = s.sigmaVe(n - 1);
            double[] spaced = switch (rule.spacing()) {
                case KARRAS -> Grids.karrasSigmas(steps, sigmaMin, sigmaMax, 7.0, false);
                case LU -> { // _convert_to_lu: λ' = log σ/α linear from log σ_max to log σ_min (ρ = 1)
                    double[] l = new double[steps];
                    double lMin = Math.log(sigmaMin), lMax = Math.log(sigmaMax);
                    for (int i = 0; i < steps; i++) l[i] = Math.exp(lMax + DiffusersClassicTranslations.numpyLinspace(0, 1, steps, i) * (lMin - lMax));
                    yield l;
                }
                case EXPONENTIAL -> DiffusersClassicTranslations.exponential(steps, sigmaMin, sigmaMax);
                default -> DiffusersClassicTranslations.beta(steps, sigmaMin, sigmaMax);
            };
            boolean round = rule.roundSigmaTimesteps() && (rule.spacing() == Spacing.KARRAS || rule.spacing() == Spacing.LU);
            sig = new double[steps + 1];
            model = new double[steps + 1];
            for (int i = 0; i < steps; i++) {
                sig[i] = spaced[i];
                double t = s.timestepOfSigmaVe(spaced[i]);
                model[i] = (long) (round ? Math.rint(t) : t); // then cast to int64
            }
        }
        int last = sig.length - 1;
        sig[last] = rule.finalZero() ? 0 : s.sigmaVe(0);
        model[last] = 0; // never handed to the model
        return s.grid(sig, model);
    }

}
