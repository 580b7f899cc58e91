package org.diffuse4j.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.junit.jupiter.api.Test;

class BetasTest {
    @Test
    void linearFollowsNumpyLinspace() {
        double[] b = Betas.linear(1e-4, 0.02, 1000);
        assertThat(b).hasSize(1000);
        assertThat(b[0]).isEqualTo(1e-4);
        assertThat(b[999]).isEqualTo(0.02); // numpy sets the endpoint exactly
        double step = (0.02 - 1e-4) / 999;
        for (int i = 0; i < 1000; i++) assertThat(b[i]).isCloseTo(1e-4 + i * step, within(1e-17));
        assertThat(b[500] - b[499]).isCloseTo(step, within(1e-15));
    }

    @Test
    void scaledLinearIsTheSquareOfALinspaceOfRoots() {
        double[] b = Betas.scaledLinear(0.00085, 0.012, 1000);
        double r0 = Math.sqrt(0.00085), r1 = Math.sqrt(0.012);
        assertThat(b[0]).isEqualTo(r0 * r0);
        assertThat(b[999]).isEqualTo(r1 * r1);
        assertThat(b[0]).isCloseTo(0.00085, within(1e-18));
        assertThat(b[999]).isCloseTo(0.012, within(1e-17));
        for (int i = 0; i < 1000; i++) {
            double r = r0 + i * (r1 - r0) / 999;
            assertThat(b[i]).isCloseTo(r * r, within(1e-16));
        }
    }

    @Test
    void alphasCumprodIsTheRunningProduct() {
        double[] betas = {0.1, 0.2, 0.5};
        assertThat(Betas.alphasCumprod(betas)).containsExactly(new double[] {0.9, 0.72, 0.36}, within(1e-15));
        assertThatThrownBy(() -> Betas.alphasCumprod(new double[] {0.1, 1.0}))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("beta[1]");
    }

    @Test
    void squaredCosCapV2FollowsNicholDhariwal() {
        int n = 1000;
        double[] b = Betas.squaredCosCapV2(n);
        for (int i : new int[] {0, 1, 500, 998, 999}) {
            double f1 = Math.pow(Math.cos((i / (double) n + 0.008) / 1.008 * Math.PI / 2), 2);
            double f2 = Math.pow(Math.cos(((i + 1) / (double) n + 0.008) / 1.008 * Math.PI / 2), 2);
            assertThat(b[i]).isCloseTo(Math.min(1 - f2 / f1, 0.999), within(1e-12));
        }
        assertThat(b[999]).isEqualTo(0.999); // ᾱ(1) = cos²(π/2) = 0: the cap applies
    }

    @Test
    void rescaleZeroTerminalSnrEndsAtZeroAndKeepsTheFirstValue() {
        double[] betas = Betas.scaledLinear(0.00085, 0.012, 1000);
        double[] rescaled = Betas.rescaleZeroTerminalSnr(betas);
        double p = 1, p0 = 0;
        for (int i = 0; i < rescaled.length; i++) {
            p *= 1 - rescaled[i];
            if (i == 0) p0 = p;
        }
        assertThat(p0).isCloseTo(1 - betas[0], within(1e-15));
        assertThat(p).isCloseTo(0, within(1e-15));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> Betas.linear(0.02, 1e-4, 1000)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("beta_start");
        assertThatThrownBy(() -> Betas.linear(1e-4, 0.02, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("num_train_timesteps");
        assertThatThrownBy(() -> Betas.scaledLinear(0, 0.02, 10)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Betas.squaredCosCapV2(1)).isInstanceOf(ConfigurationException.class);
    }
}
