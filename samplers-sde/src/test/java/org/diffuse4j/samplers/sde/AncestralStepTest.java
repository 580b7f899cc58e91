package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** k-diffusion's get_ancestral_step against hand derivations. */
class AncestralStepTest {
    @Test
    void etaOneIsThePosteriorStandardDeviation() {
        // s = 2 → s' = 1: σ_up = √(1·(4 − 1)/4) = √3/2, σ_down = √(1 − 3/4) = 1/2
        AncestralStep a = AncestralStep.of(2, 1, 1);
        assertThat(a.sigmaUp()).isCloseTo(Math.sqrt(3) / 2, within(1e-15));
        assertThat(a.sigmaDown()).isCloseTo(0.5, within(1e-15));
        assertThat(a.sigmaDown() * a.sigmaDown() + a.sigmaUp() * a.sigmaUp()).isCloseTo(1, within(1e-15));
    }

    @Test
    void etaScalesTheNoiseAndIsCappedAtTheTargetLevel() {
        // η = 0.5: σ_up = √3/4, σ_down = √(1 − 3/16) = √13/4; η = 0: no noise; η = 3: 3√3/2 > 1 is capped, σ_down = 0
        AncestralStep half = AncestralStep.of(2, 1, 0.5);
        assertThat(half.sigmaUp()).isCloseTo(Math.sqrt(3) / 4, within(1e-15));
        assertThat(half.sigmaDown()).isCloseTo(Math.sqrt(13) / 4, within(1e-15));
        assertThat(AncestralStep.of(2, 1, 0)).isEqualTo(new AncestralStep(1, 0));
        assertThat(AncestralStep.of(2, 1, 3)).isEqualTo(new AncestralStep(0, 1));
    }

    @Test
    void ontoCleanDataAndFromInfinity() {
        assertThat(AncestralStep.of(3, 0, 1)).isEqualTo(new AncestralStep(0, 0));
        // s = ∞ (α = 0): the posterior standard deviation is s' itself
        assertThat(AncestralStep.of(Double.POSITIVE_INFINITY, 0.7, 1)).isEqualTo(new AncestralStep(0, 0.7));
    }
}
