package org.diffuse4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.junit.jupiter.api.Test;

/** The kit's integrated mixture flow agrees with the closed-form Gaussian flow (a one-component mixture). */
class ReferenceFlowTest {
    static final GaussianMixture GAUSSIAN = TestProblems.gaussian();

    @Test void integratedFlowMatchesTheClosedFormBetweenNoiseLevels() {
        NoiseLevel from = NoiseLevel.ofSigmaVe(0, 14.6, 0), to = NoiseLevel.ofSigmaVe(0, 0.03, 0);
        Tensor xT = NoiseSource.seeded(3).gaussian(5, 3);
        Tensor integrated = ReferenceFlow.mixture(GAUSSIAN, xT, from, to);
        Tensor closed = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, from, to);
        assertThat(integrated.maxAbsDistance(closed)).isLessThan(1e-9);
    }

    @Test void flowToCleanDataMatchesTheClosedForm() {
        NoiseLevel from = NoiseLevel.ofSigmaVe(0, 14.6, 0);
        Tensor xT = NoiseSource.seeded(4).gaussian(5, 3);
        Tensor integrated = ReferenceFlow.mixtureToData(GAUSSIAN, xT, from);
        Tensor closed = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, from, NoiseLevel.clean(0, 0));
        assertThat(integrated.maxAbsDistance(closed)).isLessThan(1e-9);
    }
}
