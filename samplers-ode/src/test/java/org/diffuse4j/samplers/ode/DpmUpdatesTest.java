package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DPM-Solver updates against closed forms. With a model output m(λ) that does not depend on x, the exact
 * solutions are DPM-Solver's x_t = (α_t/α_s) x_s − α_t ∫ e^{−λ} m dλ (Lu et al. 2022, arXiv:2206.00927, Eq. (3.4)) and
 * DPM-Solver++'s x_t = (σ_t/σ_s) x_s + σ_t ∫ e^{λ} m dλ (arXiv:2211.01095, Eq. (8)); for a polynomial p,
 * ∫ e^{λ} p = e^{λ}(p − p' + p'') and ∫ e^{−λ} p = −e^{−λ}(p + p' + p''). An update of order k integrates a
 * polynomial of degree k − 1 in λ, so it must be exact for such m.
 */
class DpmUpdatesTest {
    private static final double X = 0.7;

    /** The VP level with half log-SNR λ: α = 1/√(1 + e^{−2λ}), σ = α e^{−λ}. */
    static NoiseLevel level(double lambda) {
        double a = 1 / Math.sqrt(1 + Math.exp(-2 * lambda));
        return NoiseLevel.of(lambda, a, a * Math.exp(-lambda), 0);
    }

    private static Tensor v(double value) { return Tensor.full(value, 1, 1); }

    /** m(λ) = a + b λ + c λ², with its derivatives. */
    record Poly(double a, double b, double c) {
        double at(double l) { return a + b * l + c * l * l; }

        double d1(double l) { return b + 2 * c * l; }

        double d2() { return 2 * c; }
    }

    /** The exact solution from (x at λ_s) to λ_t with model output p(λ). */
    static double exact(DpmForm form, Poly p, double ls, double lt, double x) {
        NoiseLevel s = level(ls), t = level(lt);
        if (form == DpmForm.DATA) {
            DoubleUnaryOperator f = l -> Math.exp(l) * (p.at(l) - p.d1(l) + p.d2());
            return t.sigma() / s.sigma() * x + t.sigma() * (f.applyAsDouble(lt) - f.applyAsDouble(ls));
        }
        DoubleUnaryOperator g = l -> -Math.exp(-l) * (p.at(l) + p.d1(l) + p.d2());
        return t.alpha() / s.alpha() * x - t.alpha() * (g.applyAsDouble(lt) - g.applyAsDouble(ls));
    }

    private static double multistep(DpmForm form, SolverType type, int order, Poly p, double lt, double... newestFirst) {
        List<Tensor> outputs = new java.util.ArrayList<>();
        List<NoiseLevel> levels = new java.util.ArrayList<>();
        for (double l : newestFirst) {
            outputs.add(v(p.at(l)));
            levels.add(level(l));
        }
        return DpmUpdates.multistep(form, type, order, v(X), outputs, levels, level(lt)).get(0);
    }

    private static double singlestep(DpmForm form, SolverType type, int order, Poly p, double lt, double... oldestFirst) {
        List<Tensor> outputs = new java.util.ArrayList<>();
        List<NoiseLevel> levels = new java.util.ArrayList<>();
        for (double l : oldestFirst) {
            outputs.add(v(p.at(l)));
            levels.add(level(l));
        }
        return DpmUpdates.singlestep(form, type, order, v(X), outputs, levels, level(lt)).get(0);
    }

    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void firstOrderIsExactForAConstantOutputAndEqualsDdim(DpmForm form) {
        Poly constant = new Poly(1.3, 0, 0);
        double got = DpmUpdates.firstOrder(form, v(X), v(1.3), level(-1.0), level(0.5)).get(0);
        assertThat(got).isCloseTo(exact(form, constant, -1.0, 0.5, X), within(1e-14));
        // in either form DPM-Solver-1 is DDIM: x' = α' x̂₀ + σ' ε̂ with x̂₀, ε̂ consistent with x (Lu et al. 2022, §3.4)
        NoiseLevel s = level(-1.0), t = level(0.5);
        double x0 = form == DpmForm.DATA ? 1.3 : (X - s.sigma() * 1.3) / s.alpha();
        double eps = (X - s.alpha() * x0) / s.sigma();
        assertThat(got).isCloseTo(t.alpha() * x0 + t.sigma() * eps, within(1e-14));
    }

    @Test
    void noiseFormLandingOnCleanDataGivesTheDenoisedEstimate() {
        NoiseLevel s = level(1.2);
        double eps = -0.4;
        double got = DpmUpdates.firstOrder(DpmForm.NOISE, v(X), v(eps), s, NoiseLevel.clean(0, 0)).get(0);
        assertThat(got).isCloseTo((X - s.sigma() * eps) / s.alpha(), within(1e-14));
        double data = DpmUpdates.firstOrder(DpmForm.DATA, v(X), v(2.5), s, NoiseLevel.clean(0, 0)).get(0);
        assertThat(data).isEqualTo(2.5);
    }

    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void secondOrderMultistepTaylorFormIsExactForLinearOutputs(DpmForm form) {
        Poly linear = new Poly(0.4, -0.9, 0);
        assertThat(multistep(form, SolverType.HEUN, 2, linear, 0.5, -0.1, -0.6))
                .isCloseTo(exact(form, linear, -0.1, 0.5, X), within(1e-13));
    }

    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void secondOrderMultistepMidpointWeightsTheSlopeByHalfOfC1(DpmForm form) {
        // midpoint replaces the Taylor weight c₂ = w φ₂(ĥ) of D₁ = h m' by ½ c₁ = ½ w (e^ĥ − 1): x_mid = x_exact + (c₂ − ½ c₁) h b
        Poly linear = new Poly(0.4, -0.9, 0);
        NoiseLevel s = level(-0.1), t = level(0.5);
        double h = 0.6, hs = form == DpmForm.NOISE ? h : -h;
        double w = form == DpmForm.NOISE ? t.sigma() : t.alpha();
        double c1 = w * Math.expm1(hs), c2 = w * (Math.expm1(hs) / hs - 1);
        assertThat(multistep(form, SolverType.MIDPOINT, 2, linear, 0.5, -0.1, -0.6))
                .isCloseTo(exact(form, linear, -0.1, 0.5, X) + (c2 - 0.5 * c1) * h * linear.b(), within(1e-13));
        assertThat(s.lambda()).isCloseTo(-0.1, within(1e-14));
    }

    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void thirdOrderMultistepIsExactForLinearOutputs(DpmForm form) {
        Poly linear = new Poly(0.4, -0.9, 0);
        for (SolverType type : SolverType.values()) {
            assertThat(multistep(form, type, 3, linear, 0.5, -0.1, -0.6, -1.0))
                    .isCloseTo(exact(form, linear, -0.1, 0.5, X), within(1e-13));
        }
    }

    /**
     * The references' third-order multistep update (official {@code multistep_dpm_solver_third_update}, diffusers'
     * {@code multistep_dpm_solver_third_order_update}) integrates the Taylor polynomial of m about λ₀ with half its
     * curvature: D₂ = (D₁⁰ − D₁¹)/(r₀ + r₁) is h² m''/2 and is weighted by φ₃, where the exact term is h² φ₃ m''.
     * Its result on a quadratic m is therefore the exact solution for m₀ + m'(λ − λ₀) + (m''/4)(λ − λ₀)².
     */
    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void thirdOrderMultistepCarriesHalfTheSecondDerivativeTermAsTheReferencesDo(DpmForm form) {
        Poly quadratic = new Poly(1.0, 0.3, 0.2);
        double l0 = -0.1;
        // m₀ + m'(λ − λ₀) + (m''/4)(λ − λ₀)² expanded in powers of λ
        double c = quadratic.d2() / 4, b = quadratic.d1(l0) - 2 * c * l0, a = quadratic.at(l0) - quadratic.d1(l0) * l0 + c * l0 * l0;
        double expected = exact(form, new Poly(a, b, c), l0, 0.5, X);
        assertThat(multistep(form, SolverType.MIDPOINT, 3, quadratic, 0.5, l0, -0.6, -1.0)).isCloseTo(expected, within(1e-13));
        assertThat(expected).isNotCloseTo(exact(form, quadratic, l0, 0.5, X), within(1e-4));
    }

    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void singlestepTaylorFormsAreExactToTheirOrder(DpmForm form) {
        Poly linear = new Poly(0.4, -0.9, 0), quadratic = new Poly(1.0, 0.3, 0.2);
        assertThat(singlestep(form, SolverType.HEUN, 2, linear, 0.5, -1.0, -0.3))
                .isCloseTo(exact(form, linear, -1.0, 0.5, X), within(1e-13));
        assertThat(singlestep(form, SolverType.HEUN, 3, quadratic, 0.5, -1.0, -0.6, -0.1))
                .isCloseTo(exact(form, quadratic, -1.0, 0.5, X), within(1e-13));
    }

    /**
     * DPM-Solver-2 (Algorithm 1) uses ½c₁/r₁ (m₁ − m₀) for the slope term, exact for a constant m; DPM-Solver-3's final
     * step (Algorithm 2) uses c₂ (m₂ − m₀)/r₂ = c₂ (h m' + r₂ h² m''/2) where the exact terms are c₂ h m' + c₃ h² m''.
     */
    @ParameterizedTest
    @EnumSource(DpmForm.class)
    void singlestepMidpointFormsMatchTheirHandExpansions(DpmForm form) {
        double ls = -1.0, lt = 0.5, h = lt - ls, hs = form == DpmForm.NOISE ? h : -h;
        NoiseLevel t = level(lt);
        double w = form == DpmForm.NOISE ? t.sigma() : t.alpha();
        double c1 = w * Math.expm1(hs), c2 = w * (Math.expm1(hs) / hs - 1), c3 = w * ((Math.expm1(hs) / hs - 1) / hs - 0.5);
        Poly linear = new Poly(0.4, -0.9, 0);
        double r1 = 0.4 / h; // intermediate at λ = −0.6
        assertThat(singlestep(form, SolverType.MIDPOINT, 2, linear, lt, ls, -0.6))
                .isCloseTo(exact(form, linear, ls, lt, X) + (c2 - 0.5 * c1) * h * linear.b(), within(1e-13));
        Poly quadratic = new Poly(1.0, 0.3, 0.2);
        double r2 = 0.9 / h; // second intermediate at λ = −0.1
        double got = singlestep(form, SolverType.MIDPOINT, 3, quadratic, lt, ls, -0.6, -0.1);
        double m2 = quadratic.d2();
        assertThat(got).isCloseTo(exact(form, quadratic, ls, lt, X) + c3 * h * h * m2 - c2 * r2 * h * h * m2 / 2, within(1e-13));
        assertThat(r1).isLessThan(r2);
    }

    @Test
    void thresholdingCorrectsTheDenoisedEstimateAndNoiseFormRecomputesEpsilon() {
        // x = (3, 0.5) at α = 0.6, σ = 0.8 with ε̂ = (1, 1): x̂₀ = (x − σ ε̂)/α = (11/3, −1/2); the 100 % quantile 11/3 is
        // clamped to sample_max_value 2, so x̂₀ → clamp(x̂₀, −2, 2)/2 = (1, −1/4) and ε̂ → (x − α x̂₀)/σ = (3, 0.8125)
        NoiseLevel l = NoiseLevel.of(0.5, 0.6, 0.8, 0.5);
        Tensor x = Tensor.of(new double[][] {{3, 0.5}});
        Model epsilonOne = (target, xx, level) -> {
            Tensor eps = Tensor.full(1, 1, 2);
            return target == Prediction.EPSILON ? eps : Tensor.combine(1 / level.alpha(), xx, -level.sigma() / level.alpha(), eps);
        };
        DpmForm.Thresholding t = new DpmForm.Thresholding(1.0, 2.0);
        Tensor eps = DpmForm.NOISE.output(epsilonOne, x, l, t);
        assertThat(eps.get(0)).isCloseTo(3, within(1e-14));
        assertThat(eps.get(1)).isCloseTo(0.8125, within(1e-14));
        Tensor x0 = DpmForm.DATA.output(epsilonOne, x, l, t);
        assertThat(x0.get(0)).isCloseTo(1, within(1e-14));
        assertThat(x0.get(1)).isCloseTo(-0.25, within(1e-14));
    }
}
