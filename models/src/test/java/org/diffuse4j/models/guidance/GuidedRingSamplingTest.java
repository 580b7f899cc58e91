package org.diffuse4j.models.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.junit.jupiter.api.Test;

/** Sampling gmm2d-ring with 30 DDIM steps: guidance at scale 3 towards class 3 lands in mode 3. */
class GuidedRingSamplingTest {
    private static final int N = 2000;
    private static final int TARGET = 3;
    private static final int NULL = Ring.MODES;   // one past the components: answered unconditionally
    private static final long SEED = 2024;

    private static double report(String what, double fraction) {
        System.out.printf("gmm2d-ring, %s: %.4f of %d samples nearest mode %d%n", what, fraction, N, TARGET);
        return fraction;
    }

    @Test
    void classifierFreeGuidanceConcentratesOnTheRequestedMode() {
        GaussianMixtureDenoiser exact = new GaussianMixtureDenoiser(Ring.MIXTURE, Prediction.EPSILON);
        ClassifierFreeGuidance cfg = new ClassifierFreeGuidance(new NullClassDenoiser(exact, NULL), NULL, 3);
        assertThat(report("CFG w = 3", Ring.fractionNearest(Ring.sample(cfg, N, TARGET, SEED), TARGET))).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void classifierFreeGuidanceWithRescaleConcentratesOnTheRequestedMode() {
        GaussianMixtureDenoiser exact = new GaussianMixtureDenoiser(Ring.MIXTURE, Prediction.V);
        ClassifierFreeGuidance cfg = new ClassifierFreeGuidance(new NullClassDenoiser(exact, NULL), NULL, 3).withRescale(0.7);
        assertThat(report("CFG w = 3, φ = 0.7 (v target)", Ring.fractionNearest(Ring.sample(cfg, N, TARGET, SEED), TARGET)))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void classifierGuidanceConcentratesOnTheRequestedMode() {
        GaussianMixtureDenoiser unconditional = new GaussianMixtureDenoiser(Ring.MIXTURE, Prediction.DATA);
        ClassifierGuidance guided = new ClassifierGuidance(unconditional, Ring.MIXTURE, 3);
        assertThat(report("classifier guidance s = 3", Ring.fractionNearest(Ring.sample(guided, N, TARGET, SEED), TARGET)))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void withoutGuidanceAboutAnEighthLandsInTheMode() {   // the two tests above are not passing trivially
        GaussianMixtureDenoiser unconditional = new GaussianMixtureDenoiser(Ring.MIXTURE, Prediction.DATA);
        double cg = report("classifier guidance s = 0", Ring.fractionNearest(
                Ring.sample(new ClassifierGuidance(unconditional, Ring.MIXTURE, 0), N, TARGET, SEED), TARGET));
        double cfg = report("CFG w = 0", Ring.fractionNearest(
                Ring.sample(new ClassifierFreeGuidance(new NullClassDenoiser(unconditional, NULL), NULL, 0), N, TARGET, SEED), TARGET));
        assertThat(cg).isBetween(0.08, 0.18);
        assertThat(cfg).isEqualTo(cg);
    }
}
