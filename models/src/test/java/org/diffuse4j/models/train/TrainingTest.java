package org.diffuse4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.TimeConditioning;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training on the TensorFlow graph API: determinism, every objective, and parity of the exported SavedModel. */
@Tag("tensorflow")
class TrainingTest {
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

    static DiffusionTraining.Config config(Prediction target, String schedule, TimeConditioning time, boolean conditional, int steps, long seed) {
        TimeSampling sampling = schedule.equals("rectified-flow") ? new TimeSampling.LogitNormal(0, 1) : new TimeSampling.DiscreteUniform();
        return new DiffusionTraining.Config(new MixtureData(ring(), "gmm2d-ring", conditional), ScheduleSpec.named(schedule), target,
                new LossWeighting.Uniform(), sampling, time, null, conditional, 0.2, 32, 2, 16,
                DiffusionTraining.defaultTimeScale(time), steps, 128, 3e-3, LearningRate.COSINE, seed);
    }

    @Test void sameSeedGivesIdenticalWeightsAndLosses() {
        TrainingResult a = new DiffusionTraining(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, true, 150, 5))
                .run(TrainingListener.NONE);
        TrainingResult b = new DiffusionTraining(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, true, 150, 5))
                .run(TrainingListener.NONE);
        TrainingResult c = new DiffusionTraining(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, true, 150, 6))
                .run(TrainingListener.NONE);
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.losses()).containsExactly(b.losses());
        assertThat(a.weights()).isNotEqualTo(c.weights());
    }

    @Test void emaTrainingIsDeterministicToo() {
        DiffusionTraining t = new DiffusionTraining(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, false, 1, 4));
        NetworkWeights[] online = new NetworkWeights[2], ema = new NetworkWeights[2];
        for (int run = 0; run < 2; run++) {
            SplittableRandom rng = new SplittableRandom(11);
            try (Trainer trainer = new Trainer(t.network(), t.network().initialWeights(4), 0.9)) {
                for (int step = 1; step <= 100; step++) trainer.step(t.batch(rng), 3e-3);
                online[run] = trainer.weights();
                ema[run] = trainer.emaWeights();
            }
        }
        assertThat(online[0]).isEqualTo(online[1]);
        assertThat(ema[0]).isEqualTo(ema[1]).isNotEqualTo(online[0]);
    }

    @ParameterizedTest(name = "{0} on {1}, {2} time input, {3} weighting")
    @CsvSource({"epsilon, ddpm-linear, timestep, min-snr", "sample, cosine, t, truncated-snr", "v, ddpm-linear, t1000, uniform",
            "score, ddpm-linear, sigma, snr", "velocity, rectified-flow, t, uniform"})
    void everyObjectiveTrainsAndTheLossFalls(String objective, String schedule, String time, String weightingName) {
        Prediction target = Prediction.parse(objective);
        DiffusionTraining.Config base = config(target, schedule, TimeConditioning.parse(time), false, 300, 1);
        // the raw score is unbounded as σ → 0: denoising score matching weights it by σ², which is the SNR weighting
        LossWeighting weighting = LossWeighting.parse(weightingName, 5);
        DiffusionTraining.Config c = new DiffusionTraining.Config(base.data(), base.schedule(), target, weighting, base.timeSampling(),
                base.time(), null, false, 0, base.hidden(), base.layers(), base.timeEmbedding(), base.timeScale(), base.steps(),
                base.batchSize(), base.learningRate(), base.lrSchedule(), base.seed());
        TrainingResult r = new DiffusionTraining(c).run(TrainingListener.NONE);
        double[] l = r.losses();
        double first = l[0];   // the freshly initialised network
        System.out.printf("%s: first %.4f final %.4f%n", objective, first, r.finalLossMean());
        assertThat(r.finalLossMean()).as(objective).isLessThan(0.95 * first);
    }

    @Test void edmPreconditionedTrainingRegressesTheDataThroughCSkipAndCOut() {
        DiffusionTraining.Config base = config(Prediction.DATA, "ddpm-linear", TimeConditioning.C_NOISE, false, 200, 1);
        DiffusionTraining.Config c = new DiffusionTraining.Config(base.data(), base.schedule(), Prediction.DATA, new LossWeighting.Uniform(),
                base.timeSampling(), base.time(), new Preconditioning(0.5, 0), false, 0, 32, 2, 16, 250, 200, 128, 3e-3,
                LearningRate.COSINE, 1);
        TrainingResult r = new DiffusionTraining(c).run(TrainingListener.NONE);
        assertThat(r.finalLossMean()).isLessThan(r.losses()[0]);
        assertThatThrownBy(() -> new DiffusionTraining.Config(base.data(), base.schedule(), Prediction.EPSILON, new LossWeighting.Uniform(),
                base.timeSampling(), base.time(), new Preconditioning(0.5, 0), false, 0, 32, 2, 16, 250, 200, 128, 3e-3,
                LearningRate.COSINE, 1)).hasMessageContaining("objective must be 'data'");
    }

    @Test void savedModelDenoiserAnswersExactlyWhatTheTrainingGraphComputes(@TempDir Path dir) {
        DiffusionTraining training = new DiffusionTraining(config(Prediction.V, "ddpm-linear", TimeConditioning.TIMESTEP, true, 200, 3));
        try (Trainer trainer = training.newTrainer()) {
            TrainingResult r = training.run(trainer, TrainingListener.NONE);
            ModelCard card = training.card("parity", null, "test", r);
            SavedModelExport.export(dir, r.network(), r.weights(), card);
            assertThat(ModelCards.read(dir)).isEqualTo(card);
            DiscreteVpSchedule schedule = (DiscreteVpSchedule) ScheduleSpec.named("ddpm-linear").build();
            Tensor x = NoiseSource.seeded(9).gaussian(50, 2);
            float[] xf = new float[100];
            for (int i = 0; i < 100; i++) xf[i] = (float) x.get(i);
            int[] labels = new int[50];
            for (int i = 0; i < 50; i++) labels[i] = i % 9;   // 0 … 7 and the null class 8
            try (SavedModelDenoiser d = SavedModelDenoiser.open(dir)) {
                for (int k : new int[] {0, 17, 500, 999}) {
                    NoiseLevel level = schedule.timestep(k);
                    float[] tau = new float[50];
                    java.util.Arrays.fill(tau, k);
                    float[] graph = trainer.forward(xf, tau, labels);
                    Tensor saved = d.predict(x, level, Conditioning.classes(labels));
                    for (int i = 0; i < 100; i++) assertThat((float) saved.get(i)).as("k = %d, value %d", k, i).isEqualTo(graph[i]);
                }
            }
        }
    }

    @Test void labelledMixtureDataCarriesTheComponentIndex() {
        MixtureData data = new MixtureData(ring(), "gmm2d-ring", true);
        TrainingData.Examples ex = data.sample(400, new SplittableRandom(2));
        for (int i = 0; i < 400; i++) {
            int k = ex.labels()[i];
            double dx = ex.points()[2 * i] - Math.cos(2 * Math.PI * k / 8), dy = ex.points()[2 * i + 1] - Math.sin(2 * Math.PI * k / 8);
            assertThat(Math.hypot(dx, dy)).isLessThan(0.5);
        }
        assertThat(data.numClasses()).isEqualTo(8);
        assertThat(new MixtureData(ring(), "gmm2d-ring", false).sample(3, new SplittableRandom(2)).labels()).isNull();
    }

    @Test void csvPointsAreReadWithLabelsAndErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("points.csv");
        java.nio.file.Files.writeString(csv, "x1,x2,label\n0.5,1.5,0\n-1,2,1\n");
        PointCloudData d = PointCloudData.readCsv(csv);
        assertThat(d.dimension()).isEqualTo(2);
        assertThat(d.numClasses()).isEqualTo(2);
        assertThat(d.size()).isEqualTo(2);
        java.nio.file.Files.writeString(csv, "x1,x2\n0.5,1.5\n-1,oops\n");
        assertThatThrownBy(() -> PointCloudData.readCsv(csv)).hasMessageContaining("line 3").hasMessageContaining("'oops'");
    }
}
