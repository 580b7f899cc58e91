package org.diffuse4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The generated 8×8 digits: reproducible, recognisable, and a score that tells digits from look-alikes. */
class DigitsDataTest {
    static final DigitsData TRAINING = DigitsData.standard();

    @Test void aSeedFixesTheSetBitForBit() {
        DigitsData a = DigitsData.generate(50, 3), b = DigitsData.generate(50, 3), c = DigitsData.generate(50, 4);
        for (int i = 0; i < 50; i++) {
            assertThat(a.image(i)).containsExactly(b.image(i));
            assertThat(a.label(i)).isEqualTo(i % 10);
        }
        assertThat(a.image(7)).isNotEqualTo(c.image(7));
        assertThat(TRAINING.size()).isEqualTo(2000);
        assertThat(TRAINING.shape()).isEqualTo(List.of(1, 8, 8));
        assertThat(TRAINING.describe().problem()).isEqualTo("digits");
    }

    @Test void imagesAreInkOnBackgroundInMinusOneToOne() {
        for (int i = 0; i < TRAINING.size(); i++) {
            double[] im = TRAINING.image(i);
            double ink = 0;   // pixels' worth of ink coverage
            for (double v : im) {
                assertThat(v).isBetween(-1.0, 1.0);
                ink += (v + 1) / 2;
            }
            assertThat(ink).as("image %d", i).isBetween(3.0, 32.0);   // a stroke: neither an empty nor a half-filled square
        }
    }

    /** A classifier that knows only the clean glyphs (no jitter) recognises most jittered digits: the jitter keeps identity. */
    @Test void aCleanTemplateClassifierRecognisesTheJitteredDigits() {
        DigitsData fresh = DigitsData.generate(1000, 99);
        int correct = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double[] im = fresh.image(i);
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 10; k++) {
                double[] t = DigitsData.template(k);
                double d = 0;
                for (int j = 0; j < 64; j++) d += (im[j] - t[j]) * (im[j] - t[j]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            if (best == fresh.label(i)) correct++;
        }
        assertThat(correct / 1000.0).isGreaterThan(0.75);   // chance: 0.1
    }

    /**
     * The score separates real digits from what a poor model produces: fresh digits (another seed) are as close to
     * the training set as it is dense and have its pixel histogram; Gaussian images with the training set's per-pixel
     * mean and deviation are far and unbalanced; class-mean images are close but grey (pixel W₁); a collapsed
     * sampler puts everything in one class.
     */
    @Test void theScoreTellsDigitsFromLookAlikes() {
        DigitsData fresh = DigitsData.generate(500, 123);
        double[][] real = new double[500][];
        for (int i = 0; i < 500; i++) real[i] = fresh.image(i);
        DigitsData.Score r = TRAINING.score(real);
        assertThat(r.meanNearestDistance()).isBetween(0.1, 0.25);
        assertThat(r.minShare()).isGreaterThan(0.08);
        assertThat(r.maxShare()).isLessThan(0.12);
        assertThat(r.pixelDistance()).isLessThan(0.01);

        double[] mean = new double[64], sd = new double[64];
        for (int i = 0; i < TRAINING.size(); i++) {
            double[] im = TRAINING.image(i);
            for (int j = 0; j < 64; j++) {
                mean[j] += im[j] / TRAINING.size();
                sd[j] += im[j] * im[j] / TRAINING.size();
            }
        }
        SplittableRandom rng = new SplittableRandom(5);
        double[][] gaussian = new double[500][64];
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 64; j++) gaussian[i][j] = mean[j] + Math.sqrt(sd[j] - mean[j] * mean[j]) * rng.nextGaussian();
        }
        DigitsData.Score g = TRAINING.score(gaussian);
        assertThat(g.meanNearestDistance()).isGreaterThan(2 * r.meanNearestDistance());
        assertThat(g.pixelDistance()).isGreaterThan(0.05);

        double[][] classMeans = new double[10][64];
        for (int i = 0; i < TRAINING.size(); i++) {
            for (int j = 0; j < 64; j++) classMeans[TRAINING.label(i)][j] += TRAINING.image(i)[j] / 200;
        }
        assertThat(TRAINING.score(classMeans).pixelDistance()).isGreaterThan(0.05);

        double[][] collapsed = new double[100][];
        for (int i = 0; i < 100; i++) collapsed[i] = fresh.image(3);
        assertThat(TRAINING.score(collapsed).maxShare()).isEqualTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test void drawingIsUniformWithReplacementAndBadInputIsTyped() {
        TrainingData.Examples ex = TRAINING.sample(4000, new SplittableRandom(1));
        int[] counts = new int[10];
        for (int l : ex.labels()) counts[l]++;
        for (int c : counts) assertThat(c).isBetween(320, 480);   // 400 ± 4σ
        assertThatThrownBy(() -> DigitsData.generate(0, 1)).isInstanceOf(ConfigurationException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> DigitsData.template(10)).isInstanceOf(ConfigurationException.class).hasMessageContaining("0 … 9");
    }
}
