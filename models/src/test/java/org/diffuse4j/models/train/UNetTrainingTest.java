package org.diffuse4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.TimeConditioning;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The convolutional U-Net on the digits: parity of the exported SavedModel, determinism, every objective, typed shape errors. */
@Tag("tensorflow")
class UNetTrainingTest {
    static final List<Integer> SMALL = List.of(4, 8);

    static DiffusionTraining.Config config(Prediction target, String schedule, TimeConditioning time, boolean conditional, int steps, long seed) {
        TimeSampling sampling = schedule.equals("rectified-flow") ? new TimeSampling.LogitNormal(0, 1) : new TimeSampling.DiscreteUniform();
        return new DiffusionTraining.Config(DigitsDataTest.TRAINING, ScheduleSpec.named(schedule), target, new LossWeighting.Uniform(),
                sampling, time, null, conditional, 0.2, 32, 2, 16, DiffusionTraining.defaultTimeScale(time), steps, 32, 2e-3,
                LearningRate.COSINE, seed);
    }

    @Test void savedModelDenoiserAnswersExactlyWhatTheTrainingGraphComputes(@TempDir Path dir) {
        DiffusionTraining training = DiffusionTraining.withUNet(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, true, 40, 3), SMALL);
        try (Trainer trainer = training.newTrainer()) {
            TrainingResult r = training.run(trainer, TrainingListener.NONE);
            ModelCard card = training.card("parity", null, "test", r);
            assertThat(card.dataShape()).containsExactly(1, 8, 8);
            assertThat(card.training().network().kind()).isEqualTo("unet");
            assertThat(card.training().network().channels()).isEqualTo(SMALL);
            SavedModelExport.export(dir, r.network(), r.weights(), card);
            assertThat(ModelCards.read(dir)).isEqualTo(card);
            DiscreteVpSchedule schedule = (DiscreteVpSchedule) ScheduleSpec.named("ddpm-linear").build();
            int rows = 22;
            Tensor x = NoiseSource.seeded(9).gaussian(rows, 1, 8, 8);
            float[] xf = new float[rows * 64];
            for (int i = 0; i < xf.length; i++) xf[i] = (float) x.get(i);
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) labels[i] = i % 11;   // 0 … 9 and the null class 10
            try (SavedModelDenoiser d = SavedModelDenoiser.open(dir)) {
                for (int k : new int[] {0, 17, 500, 999}) {
                    NoiseLevel level = schedule.timestep(k);
                    float[] tau = new float[rows];
                    Arrays.fill(tau, k);
                    float[] graph = trainer.forward(xf, tau, labels);
                    Tensor saved = d.predict(x, level, Conditioning.classes(labels));
                    assertThat(saved.shape()).containsExactly(rows, 1, 8, 8);
                    for (int i = 0; i < xf.length; i++) assertThat((float) saved.get(i)).as("k = %d, value %d", k, i).isEqualTo(graph[i]);
                }
                // a wrongly shaped x is refused in Java, before TensorFlow; the engine keeps working
                assertThatThrownBy(() -> d.predict(Tensor.zeros(3, 64), schedule.timestep(5), Conditioning.NONE))
                        .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[batch, 1, 8, 8]");
                assertThat(d.predict(x, schedule.timestep(5), Conditioning.classes(labels)).isFinite()).isTrue();
            }
            assertThatThrownBy(() -> trainer.forward(new float[63], new float[1], new int[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("63 input values for 1 rows of 64");
            assertThat(trainer.forward(xf, new float[rows], labels)).hasSize(xf.length);
        }
    }

    @Test void sameSeedGivesIdenticalWeightsAndLosses() {
        TrainingResult a = DiffusionTraining.withUNet(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, false, 15, 5), SMALL)
                .run(TrainingListener.NONE);
        TrainingResult b = DiffusionTraining.withUNet(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, false, 15, 5), SMALL)
                .run(TrainingListener.NONE);
        TrainingResult c = DiffusionTraining.withUNet(config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, false, 15, 6), SMALL)
                .run(TrainingListener.NONE);
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.losses()).containsExactly(b.losses());
        assertThat(a.weights()).isNotEqualTo(c.weights());
    }

    @ParameterizedTest(name = "{0} on {1}, {2} time input, {3} weighting")
    @CsvSource({"epsilon, ddpm-linear, timestep, min-snr", "sample, ddpm-linear, t, truncated-snr", "v, ddpm-linear, t1000, uniform",
            "score, ddpm-linear, sigma, snr", "velocity, rectified-flow, t, uniform"})
    void everyObjectiveTrainsTheUNetAndTheLossFalls(String objective, String schedule, String time, String weightingName) {
        Prediction target = Prediction.parse(objective);
        DiffusionTraining.Config base = config(target, schedule, TimeConditioning.parse(time), false, 60, 1);
        DiffusionTraining.Config c = new DiffusionTraining.Config(base.data(), base.schedule(), target, LossWeighting.parse(weightingName, 5),
                base.timeSampling(), base.time(), null, false, 0, base.hidden(), base.layers(), base.timeEmbedding(), base.timeScale(),
                base.steps(), base.batchSize(), base.learningRate(), base.lrSchedule(), base.seed());
        TrainingResult r = DiffusionTraining.withUNet(c, SMALL).run(TrainingListener.NONE);
        double[] l = r.losses();
        double first = Arrays.stream(l, 0, 5).average().orElseThrow();   // the freshly initialised network
        System.out.printf("U-Net %s: first %.4f final %.4f%n", objective, first, r.finalLossMean());
        assertThat(r.finalLossMean()).as(objective).isLessThan(0.9 * first);
    }

    @Test void shapeErrorsAreTypedAndNameTheField() {
        assertThatThrownBy(() -> new UNet(1, 6, 6, List.of(8, 8, 8), 16, 1, 0)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).field()).isEqualTo("channels"))
                .hasMessageContaining("divisible by 4").hasMessageContaining("6×6");
        assertThatThrownBy(() -> new UNet(1, 8, 8, List.of(), 16, 1, 0)).isInstanceOf(ConfigurationException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> new UNet(0, 8, 8, List.of(4), 16, 1, 0)).isInstanceOf(ConfigurationException.class).hasMessageContaining("image-shape");
        assertThatThrownBy(() -> new UNet(1, 8, 8, List.of(4), 15, 1, 0)).isInstanceOf(ConfigurationException.class).hasMessageContaining("time-embedding");
        assertThatThrownBy(() -> UNet.forShape(List.of(64), SMALL, 16, 1, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image-shape").hasMessageContaining("[64]");

        DiffusionTraining.Config digits = config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, false, 10, 1);
        assertThatThrownBy(() -> new DiffusionTraining(digits, new UNet(1, 16, 16, SMALL, 16, 1, 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("network").hasMessageContaining("[1, 16, 16]").hasMessageContaining("[1, 8, 8]");
        DiffusionTraining.Config conditional = config(Prediction.EPSILON, "ddpm-linear", TimeConditioning.TIMESTEP, true, 10, 1);
        assertThatThrownBy(() -> new DiffusionTraining(conditional, new UNet(1, 8, 8, SMALL, 16, 1, 0))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("classes").hasMessageContaining("need 11");

        TrainingData ten = new TrainingData() {   // rows of 10 values
            @Override public int dimension() { return 10; }
            @Override public int numClasses() { return 0; }
            @Override public Examples sample(int n, java.util.SplittableRandom rng) { return new Examples(new double[10 * n], null); }
            @Override public ModelCard.DataSource describe() { return new ModelCard.DataSource(null, "ten.csv", 1); }
        };
        assertThatThrownBy(() -> ImageData.of(ten, List.of(1, 8, 8))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image-shape").hasMessageContaining("64 values, but the data has 10");
        assertThat(ImageData.of(ten, List.of(2, 5)).shape()).containsExactly(1, 2, 5);
        assertThatThrownBy(() -> ImageData.parseShape("8 by 8")).isInstanceOf(ConfigurationException.class).hasMessageContaining("CxHxW");
        assertThat(ImageData.parseShape("1x8x8")).containsExactly(1, 8, 8);
    }

    @Test void theArchitectureHasTheDocumentedParameters() {
        UNet net = new UNet(1, 8, 8, List.of(16, 32), 32, 1, 0);
        List<long[]> shapes = net.parameterShapes();
        assertThat(shapes.get(0)).containsExactly(16, 64);                 // time MLP: sin half → 4·c₀
        assertThat(shapes.get(5)).containsExactly(3, 3, 1, 16);            // conv_in
        assertThat(shapes.get(shapes.size() - 2)).containsExactly(3, 3, 16, 1);   // conv_out
        assertThat(net.initialWeights(1).values(shapes.size() - 2)).containsOnly(0f);   // zero-initialised
        assertThat(net.parameterCount()).isEqualTo(shapes.stream().mapToLong(s -> Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum());
        assertThat(net.dimension()).isEqualTo(64);
        assertThat(net.describe().channels()).containsExactly(16, 32);
    }
}
