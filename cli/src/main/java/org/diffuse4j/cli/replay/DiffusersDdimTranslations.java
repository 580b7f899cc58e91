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

/** diffusers' DDIM family: {@code DDIMScheduler}. */
final class DiffusersDdimTranslations {
    private DiffusersDdimTranslations() {}

    static void register(Translations.Registry r) {
        r.add("diffusers", "DDIMScheduler", (sampler, c) -> ddimScheduler(c));
    }

    static ReferenceSetup ddimScheduler(ConfigReader c) {
        TimestepSpacing spacing = TimestepSpacing.parse(c.choice("timestep_spacing", "leading", "leading", "trailing", "linspace"));
        boolean setAlphaToOne = c.bool("set_alpha_to_one", true);
        int offset = c.integer("steps_offset", 0);
        boolean rescale = c.bool("rescale_betas_zero_snr", false);
        double eta = c.real("eta", 0.0); // an argument of step(); 0 is the ODE sampler
        if (eta != 0) {
            throw new ReplayException("diffusers DDIMScheduler: eta = " + eta + " is not supported (it makes the sampler stochastic"
                    + " with torch's generator; replay runs the ODE sampler, eta = 0)");
        }
        SolverOptions options = SolverOptions.NONE
                .with("clip_sample", Boolean.toString(c.bool("clip_sample", false)))
                .with("clip_sample_range", Double.toString(c.real("clip_sample_range", 1.0)))
                .with("thresholding", Boolean.toString(c.bool("thresholding", false)))
                .with("dynamic_thresholding_ratio", Double.toString(c.real("dynamic_thresholding_ratio", 0.995)))
                .with("sample_max_value", Double.toString(c.real("sample_max_value", 1.0)));
        Prediction target = Translations.diffusersPrediction(c);
        return new ReferenceSetup("ddim", options, target, (schedule, steps) -> {
            DiscreteVpSchedule s = rescale ? Translations.rescaledZeroTerminalSnr(Translations.discrete(schedule)) : Translations.discrete(schedule);
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
                + ", steps_offset=" + offset + (rescale ? ", zero terminal SNR" : "") + ")");
    }
}
