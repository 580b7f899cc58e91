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

/** diffusers' σ-space samplers: {@code EulerDiscreteScheduler}. */
final class DiffusersClassicTranslations {
    private DiffusersClassicTranslations() {}

    static void register(Translations.Registry r) {
        r.add("diffusers", "EulerDiscreteScheduler", (sampler, c) -> eulerDiscreteScheduler(c));
    }

    static ReferenceSetup eulerDiscreteScheduler(ConfigReader c) {
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
        Prediction target = Translations.diffusersPrediction(c);
        return new ReferenceSetup("euler", SolverOptions.NONE, target, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
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
}
