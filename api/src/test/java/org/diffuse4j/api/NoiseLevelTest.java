package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseLevelTest {
    @Test
    void lambdaAndSigmaVeFromAlphaAndSigma() {
        NoiseLevel l = NoiseLevel.of(0.4, 0.6, 0.8, 400);
        assertThat(l.lambda()).isCloseTo(Math.log(0.75), within(1e-15));
        assertThat(l.sigmaVe()).isCloseTo(4.0 / 3, within(1e-15));
        assertThat(l.dAlpha()).isNaN();
        assertThat(l.isClean()).isFalse();
        NoiseLevel d = l.withDerivatives(-1, 2).withModelTime(7);
        assertThat(d.dAlpha()).isEqualTo(-1);
        assertThat(d.dSigma()).isEqualTo(2);
        assertThat(d.modelTime()).isEqualTo(7);
        assertThat(d.alpha()).isEqualTo(0.6);
    }

    @Test
    void ofSigmaVeIsVariancePreserving() {
        NoiseLevel l = NoiseLevel.ofSigmaVe(0, 0.75, 0);
        assertThat(l.alpha()).isCloseTo(0.8, within(1e-15));
        assertThat(l.sigma()).isCloseTo(0.6, within(1e-15));
        NoiseLevel noise = NoiseLevel.ofSigmaVe(1, Double.POSITIVE_INFINITY, 0);
        assertThat(noise.alpha()).isEqualTo(0);
        assertThat(noise.sigma()).isEqualTo(1);
        assertThat(noise.lambda()).isEqualTo(Double.NEGATIVE_INFINITY);
        NoiseLevel clean = NoiseLevel.ofSigmaVe(0, 0, 0);
        assertThat(clean.isClean()).isTrue();
        assertThat(clean.lambda()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NoiseLevel.clean(0, 0).alpha()).isEqualTo(1);
    }

    @Test
    void invalidLevelsAreRejected() {
        assertThatThrownBy(() -> NoiseLevel.of(0, -0.1, 1, 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> NoiseLevel.of(0, Double.NaN, 1, 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> NoiseLevel.of(0, 1, Double.POSITIVE_INFINITY, 0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> NoiseLevel.of(0.5, 0, 0, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> NoiseLevel.ofSigmaVe(0, -1, 0)).isInstanceOf(ConfigurationException.class);
    }
}
