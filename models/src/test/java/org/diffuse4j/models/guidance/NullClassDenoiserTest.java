package org.diffuse4j.models.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diffuse4j.models.guidance.ClassifierFreeGuidanceTest.assertField;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.junit.jupiter.api.Test;

class NullClassDenoiserTest {
    private static final GaussianMixtureDenoiser RING = new GaussianMixtureDenoiser(Ring.MIXTURE, Prediction.EPSILON);
    private static final NoiseLevel LEVEL = NoiseLevel.of(0.5, 0.8, 0.6, 500);
    private static final Tensor X = Tensor.of(new double[][] {{0.1, 0.9}, {-0.6, 0.4}, {1.2, -0.3}, {0, 0}});

    @Test
    void nullRowsAreUnconditionalAndOthersKeepTheirLabels() {
        CountingDenoiser inner = new CountingDenoiser(RING);
        Tensor out = new NullClassDenoiser(inner, 8).predict(X, LEVEL, Conditioning.classes(8, 3, 8, 5));
        Tensor u = RING.predict(X, LEVEL, Conditioning.NONE), c = RING.predict(X, LEVEL, Conditioning.classes(0, 3, 0, 5));
        assertThat(out.rowValues(0)).containsExactly(u.rowValues(0));
        assertThat(out.rowValues(1)).containsExactly(c.rowValues(1));
        assertThat(out.rowValues(2)).containsExactly(u.rowValues(2));
        assertThat(out.rowValues(3)).containsExactly(c.rowValues(3));
        assertThat(inner.calls()).hasSize(2);
    }

    @Test
    void allNullOrNoneNullIsOneCall() {
        CountingDenoiser inner = new CountingDenoiser(RING);
        NullClassDenoiser d = new NullClassDenoiser(inner, 8);
        assertThat(d.predict(X, LEVEL, Conditioning.classes(8))).isEqualTo(RING.predict(X, LEVEL, Conditioning.NONE));
        assertThat(d.predict(X, LEVEL, Conditioning.classes(1, 2, 3, 4))).isEqualTo(RING.predict(X, LEVEL, Conditioning.classes(1, 2, 3, 4)));
        assertThat(inner.calls()).hasSize(2);
    }

    @Test
    void rejectsBadConfigurationNamingTheField() {
        assertField(() -> new NullClassDenoiser(RING, -1), "null_class");
        assertField(() -> new NullClassDenoiser(null, 8), "conditional");
    }
}
