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

/** diffusers' DPM-Solver family: {@code DPMSolverMultistepScheduler}. */
final class DiffusersDpmSolverTranslations {
    private DiffusersDpmSolverTranslations() {}

    static void register(Translations.Registry r) {
        r.add("diffusers", "DPMSolverMultistepScheduler", (sampler, c) -> dpmSolverMultistepScheduler(c, c.string("beta_schedule", "linear")));
    }

    static ReferenceSetup dpmSolverMultistepScheduler(ConfigReader c, String betaSchedule) {
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
        Prediction target = Translations.diffusersPrediction(c);
        SolverOptions options = SolverOptions.NONE
                .with("solver_order", Integer.toString(order))
                .with("solver_type", solverType)
                .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                .with("lower_order_final_below", "15")
                .with("euler_at_final", Boolean.toString(eulerAtFinal));
        boolean roundKarras = !betaSchedule.equals("squaredcos_cap_v2");
        return new ReferenceSetup("dpmpp-2m", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
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
}
