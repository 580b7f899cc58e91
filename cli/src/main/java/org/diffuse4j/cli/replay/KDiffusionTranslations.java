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

/** k-diffusion's samplers: {@code sample_euler}, {@code sample_dpmpp_2m}. */
final class KDiffusionTranslations {
    private KDiffusionTranslations() {}

    static void register(Translations.Registry r) {
        for (String s : List.of("sample_euler", "sample_dpmpp_2m")) r.add("k-diffusion", s, KDiffusionTranslations::kDiffusion);
    }

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
            default -> throw new IllegalStateException(sampler);
        }
        return new ReferenceSetup(solverId, options, Prediction.EPSILON, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
            int n = s.trainSteps();
            double[] sig;
            if (sigmas.equals("karras")) { // get_sigmas_karras(n, sigma_min, sigma_max, rho=7) + [0]
                sig = Grids.karrasSigmas(steps, s.sigmaVe(0), s.sigmaVe(n - 1), 7.0, true);
            } else { // DiscreteSchedule.get_sigmas: t = linspace(N−1, 0, n), σ = t_to_sigma(t), + [0]
                sig = new double[steps + 1];
                for (int i = 0; i < steps; i++) sig[i] = s.sigmaVeOfTimestepLogLinear(Translations.torchLinspace(n - 1, 0, steps, i));
            }
            double[] model = new double[sig.length];
            for (int i = 0; i < sig.length; i++) model[i] = sig[i] == 0 ? 0 : s.timestepOfSigmaVe(sig[i]);
            return Grids.discreteSigmaGrid(s, sig, model);
        }, StateSpace.VE, "k-diffusion " + sampler + "(" + sigmas + ")");
    }
}
