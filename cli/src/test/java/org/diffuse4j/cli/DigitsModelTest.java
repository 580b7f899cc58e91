package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.models.train.DigitsData;
import org.diffuse4j.runtime.SolverRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped digits model (a convolutional U-Net) samples digit-like images, judged against its training set by
 * measures independent of the network: the distance to the nearest training digit (within 35 % of what freshly
 * generated digits of another seed achieve; Gaussian images with the data's per-pixel mean and deviation are at
 * 2.3×), the class shares of a 1-nearest-neighbour classifier (no class under 5 % or over 16 %; uniform is 10 %),
 * and the pixel-value histogram (W₁ below 0.04; fresh digits 0.001, class-mean images 0.10, blurred digits 0.13);
 * with classifier-free guidance towards a digit, that digit in ≥ 90 % of samples.
 * Plus {@code train --data digits} and {@code sample --model} end to end.
 */
@Tag("tensorflow")
class DigitsModelTest {
    static final DigitsData TRAINING = DigitsData.standard();

    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

    @BeforeAll static void offline() {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    /** 500 samples of the shipped model, dpmpp-2m, 20 steps of the default grid, seed 42. */
    static Tensor sample(Conditioning conditioning, Double guidance) {
        Path dir = ShippedModels.resolve("digits");
        ModelCard card = ModelCards.read(dir);
        Schedule schedule = card.schedule().build();
        Grid grid = GridSpec.parse("auto", "zero", 0).build(schedule, 20);
        Solver<?> s = SolverRuntime.create(List.of()).registry().create("dpmpp-2m", SolverConfig.of(grid, card.target()));
        NoiseLevel first = grid.from(0);
        NoiseSource noise = NoiseSource.seeded(42);
        Tensor xT = noise.gaussian(500, 1, 8, 8).scale(Math.hypot(first.alpha(), first.sigma()));
        try (SavedModelDenoiser d = SavedModelDenoiser.open(dir)) {
            org.diffuse4j.api.Denoiser model = guidance == null ? d
                    : new org.diffuse4j.models.guidance.ClassifierFreeGuidance(d, card.conditioning().nullClass(), guidance);
            return Sampler.sample(s, model, xT, noise, SamplingOptions.DEFAULT.withConditioning(conditioning)).samples();
        }
    }

    static DigitsData.Score fresh() {
        DigitsData fresh = DigitsData.generate(500, 123);
        double[][] real = new double[500][];
        for (int i = 0; i < 500; i++) real[i] = fresh.image(i);
        return TRAINING.score(real);
    }

    @Test void shippedDigitsSamplesAreDigitLike() {
        DigitsData.Score reference = fresh();
        DigitsData.Score got = TRAINING.score(sample(Conditioning.NONE, null).toRows());
        console.original().printf("digits, dpmpp-2m, 20 steps: nearest-digit distance %.4f (fresh digits %.4f), class shares %s, pixel W1 %.4f%n",
                got.meanNearestDistance(), reference.meanNearestDistance(), java.util.Arrays.toString(got.classShares()), got.pixelDistance());
        assertThat(got.meanNearestDistance()).isLessThan(1.35 * reference.meanNearestDistance());
        assertThat(got.minShare()).isGreaterThan(0.05);
        assertThat(got.maxShare()).isLessThan(0.16);
        assertThat(got.pixelDistance()).isLessThan(0.04);
    }

    /** Classifier-free guidance (scale 2) towards one digit: the 1-nearest-neighbour classifier sees that digit in ≥ 90 % of samples. */
    @Test void guidanceTowardsADigitGivesThatDigit() {
        DigitsData.Score got = TRAINING.score(sample(Conditioning.classes(3), 2.0).toRows());
        console.original().printf("digits, class 3, guidance 2: share of 3s %.3f, nearest-digit distance %.4f%n", got.classShares()[3], got.meanNearestDistance());
        assertThat(got.classShares()[3]).isGreaterThan(0.9);
        assertThat(got.meanNearestDistance()).isLessThan(1.35 * fresh().meanNearestDistance());
    }

    @Test void sampleModelDigitsWritesCsvAndAnImageGridAndScoresThem(@TempDir Path dir) throws Exception {
        int code = Main.execute("sample", "--model", "digits", "--count", "120", "--out", dir.toString());
        assertThat(code).as(console.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        assertThat(lines).hasSize(121);
        assertThat(lines.get(0).split(",")).hasSize(64).endsWith("x64");
        BufferedImage png = ImageIO.read(dir.resolve("samples.png").toFile());
        assertThat(png.getWidth()).isEqualTo(10 * (48 + 4) + 4);   // 10 tiles of 8 × 6 pixels a row
        assertThat(png.getHeight()).isEqualTo(28 + 10 * (48 + 4) + 4);   // the first 100 samples
        assertThat(console.stdout()).contains("120 samples of model digits", "mean RMS distance to the nearest training digit",
                "class shares by the nearest training digit", "pixel-value W1");
    }

    @Test void trainOnDigitsWritesAnImageModelThatSampleReads(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny-digits");
        int code = Main.execute("train", "--out", model.toString(), "--data", "digits", "--channels", "4,8", "--steps", "4", "--batch", "8",
                "--seed", "2");
        assertThat(code).as(console.stderr()).isZero();
        ModelCard card = ModelCards.read(model);
        assertThat(card.dataShape()).containsExactly(1, 8, 8);
        assertThat(card.data().problem()).isEqualTo("digits");
        assertThat(card.training().network().channels()).containsExactly(4, 8);
        assertThat(console.stdout()).contains("U-Net 4/8 on [1, 8, 8], epsilon objective");
        assertThat(Main.execute("sample", "--model", model.toString(), "--count", "12", "--steps", "3", "--out", dir.resolve("s").toString()))
                .as(console.stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s").resolve("samples.csv"))).hasSize(13);
        assertThat(ImageIO.read(dir.resolve("s").resolve("samples.png").toFile()).getHeight()).isEqualTo(28 + 2 * (48 + 4) + 4);
    }

    @Test void imageCsvTrainingAndBadImageFlagsAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("images.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            double[] im = TRAINING.image(i);
            for (int j = 0; j < 16; j++) rows.append(j == 0 ? "" : ",").append(im[j]);   // 4 × 4 crops
            rows.append('\n');
        }
        Files.writeString(csv, rows);
        assertThat(Main.execute("train", "--out", dir.resolve("m").toString(), "--data", csv.toString(), "--image-shape", "1x4x4",
                "--channels", "4", "--steps", "2", "--batch", "4")).as(console.stderr()).isZero();
        assertThat(ModelCards.read(dir.resolve("m")).dataShape()).containsExactly(1, 4, 4);

        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--data", csv.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("image-shape: --data " + csv + " needs the shape of one image");
        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--data", csv.toString(), "--image-shape", "1x8x8")).isEqualTo(2);
        assertThat(console.stderr()).contains("image-shape: [1, 8, 8] holds 64 values, but the data has 16 per row");
        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--data", "digits", "--channels", "4,4,4,4,4")).isEqualTo(2);
        assertThat(console.stderr()).contains("channels: 5 resolutions halve the image 4 times, so height and width must be divisible by 16; got 8×8");
        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--network", "unet")).isEqualTo(2);
        assertThat(console.stderr()).contains("network: a U-Net needs image data");
        assertThat(Main.execute("train", "--out", dir.resolve("x").toString(), "--data", "digits", "--objective", "consistency",
                "--teacher", "ring2d-eps")).isEqualTo(2);
        assertThat(console.stderr()).contains("consistency distillation trains an MLP on points");
    }
}
