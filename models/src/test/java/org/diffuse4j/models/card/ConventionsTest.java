package org.diffuse4j.models.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.junit.jupiter.api.Test;

/** Time-conditioning conventions and EDM/consistency preconditioning against their defining formulas. */
class ConventionsTest {
    private final DiscreteVpSchedule ddpm = DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));

    @Test void timeConventionsDeriveTauFromTheNoiseLevel() {
        NoiseLevel k = ddpm.timestep(250);
        double s = Math.sqrt((1 - ddpm.alphaCumprod(250)) / ddpm.alphaCumprod(250));
        assertThat(TimeConditioning.TIMESTEP.value(k)).isEqualTo(250.0, within(1e-9));
        assertThat(TimeConditioning.T.value(k)).isEqualTo(0.251, within(1e-12));
        assertThat(TimeConditioning.T_1000.value(k)).isEqualTo(251.0, within(1e-9));
        assertThat(TimeConditioning.SIGMA.value(k)).isEqualTo(s, within(1e-12));
        assertThat(TimeConditioning.C_NOISE.value(k)).isEqualTo(0.25 * Math.log(s), within(1e-12));
    }

    @Test void tauThatIsNotFiniteIsRefusedNamingTheLevel() {
        NoiseLevel pureNoise = NoiseLevel.of(1, 0, 1, 1000);
        assertThatThrownBy(() -> TimeConditioning.SIGMA.value(pureNoise)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sigma").hasMessageContaining("α = 0.0");
        assertThatThrownBy(() -> TimeConditioning.C_NOISE.value(NoiseLevel.clean(0, 0))).hasMessageContaining("c_noise");
        assertThat(TimeConditioning.T.value(pureNoise)).isEqualTo(1);
    }

    @Test void parsesCardNamesAndEnumNames() {
        assertThat(TimeConditioning.parse("c-noise")).isEqualTo(TimeConditioning.C_NOISE);
        assertThat(TimeConditioning.parse("T_1000")).isEqualTo(TimeConditioning.T_1000);
        assertThatThrownBy(() -> TimeConditioning.parse("minutes")).hasMessageContaining("timestep, t, t1000, sigma, c_noise");
    }

    @Test void edmCoefficientsFollowKarrasTable1() {
        Preconditioning edm = new Preconditioning(0.5, 0);
        double s = 1.7, d = 0.5;
        assertThat(edm.cIn(s)).isEqualTo(1 / Math.sqrt(s * s + d * d), within(1e-15));
        assertThat(edm.cSkip(s)).isEqualTo(d * d / (s * s + d * d), within(1e-15));
        assertThat(edm.cOut(s)).isEqualTo(s * d / Math.sqrt(s * s + d * d), within(1e-15));
        // the training target (x₀ − c_skip·y)/c_out, y = x₀ + s·n, has unit variance when Var x₀ = σ_d² (Karras et al. 2022, App. B.6)
        double variance = (Math.pow(1 - edm.cSkip(s), 2) * d * d + Math.pow(edm.cSkip(s) * s, 2)) / Math.pow(edm.cOut(s), 2);
        assertThat(variance).isEqualTo(1, within(1e-12));
    }

    @Test void consistencyParametrisationIsTheIdentityAtSigmaMin() {
        Preconditioning cm = new Preconditioning(0.5, 0.002);
        assertThat(cm.cSkip(0.002)).isEqualTo(1);
        assertThat(cm.cOut(0.002)).isZero();
        assertThat(cm.cSkip(80)).isLessThan(1e-4);
        assertThat(cm.cOut(80)).isCloseTo(0.5, within(1e-4));
    }
}
