package org.diffuse4j.models.djl;

import java.nio.file.Path;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.TimeConditioning;
import org.diffuse4j.models.train.DiffusionTraining;
import org.diffuse4j.models.train.LearningRate;
import org.diffuse4j.models.train.LossWeighting;
import org.diffuse4j.models.train.MixtureData;
import org.diffuse4j.models.train.SavedModelExport;
import org.diffuse4j.models.train.TimeSampling;
import org.diffuse4j.models.train.TrainingListener;
import org.diffuse4j.models.train.TrainingResult;

/** Small SavedModels trained in a second, for tests that need a real network but not a good one. */
final class TinyModels {
    private TinyModels() {}

    static GaussianMixture ring() {
        int k = 8;
        double[] w = new double[k], s = new double[k];
        double[][] m = new double[k][];
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / k;
            m[i] = new double[] {Math.cos(2 * Math.PI * i / k), Math.sin(2 * Math.PI * i / k)};
            s[i] = 0.08;
        }
        return new GaussianMixture(w, m, s);
    }

    static DiffusionTraining training(boolean conditional, int steps) {
        return new DiffusionTraining(new DiffusionTraining.Config(new MixtureData(ring(), "gmm2d-ring", conditional),
                ScheduleSpec.named("ddpm-linear"), Prediction.EPSILON, new LossWeighting.Uniform(), new TimeSampling.DiscreteUniform(),
                TimeConditioning.TIMESTEP, null, conditional, 0.2, 16, 2, 8, 1, steps, 64, 2e-3, LearningRate.CONSTANT, 7));
    }

    /** Trains {@code steps} steps and exports into {@code dir}. */
    static Path export(Path dir, boolean conditional, int steps) {
        DiffusionTraining t = training(conditional, steps);
        TrainingResult r = t.run(TrainingListener.NONE);
        return SavedModelExport.export(dir, r.network(), r.weights(), t.card("tiny", null, "test", r));
    }
}
