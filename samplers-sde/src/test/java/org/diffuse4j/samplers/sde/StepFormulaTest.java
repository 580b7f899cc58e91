package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/** Single steps of the predictor–corrector, churn and DPM-Solver SDE samplers against hand derivations. */
class StepFormulaTest {
    private static final VeSchedule VE = new VeSchedule(0.01, 20);
    /** VE levels σ = 2 → 1 (α = 1). */
    private static final Grid VE_STEP = Grid.of(VE, List.of(NoiseLevel.of(0.6, 1, 2, 2), NoiseLevel.of(0.5, 1, 1, 1)));
    /** VP levels (α, σ) = (0.6, 0.8) → (0.8, 0.6): λ from log ¾ to log 4/3, h = 2 log 4/3, e^{−h} = 9/16. */
    private static final Grid VP_STEP = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));

    private static Denoiser constant(double x0, Prediction target) {
        return new Denoiser() {
            @Override public Prediction target() { return target; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                // the native target of x̂₀ = x0 at (x, level)
                Tensor data = Tensor.full(x0, x.shape());
                return org.diffuse4j.api.predict.Predictions.convert(Prediction.DATA, target, x, data, level);
            }
        };
    }

    private static Tensor run(SolverProvider p, Grid grid, String options, Prediction target, Tensor x, List<Tensor> draws) {
        var solver = p.create(SolverConfig.of(grid, target).withOptions(options.isEmpty() ? SolverOptions.NONE
                : SolverOptions.parse(List.of(options.split(" ")))));
        return Sampler.sample(solver, constant(0.5, target), x, NoiseSource.replay(draws)).samples();
    }

    private static Tensor one(double v) { return Tensor.full(v, 1, 1); }

    @Test
    void annealedLangevinThenReverseDiffusionByHand() {
        // score = −(x − x̂₀)/σ² at σ = 2; ALD: ε = 2 (r σ)² = 2 (0.16·2)², x₁ = x + ε score(x) + √(2ε) z₁
        double eps = 2 * Math.pow(0.16 * 2, 2);
        double x1 = 1 + eps * -(1 - 0.5) / 4 + Math.sqrt(2 * eps) * 0.5;
        // reverse diffusion to σ = 1: x̄ = x₁ + (σ² − σ'²) score(x₁), noise √3 z₂ (noise_removal off)
        double x2 = x1 + 3 * -(x1 - 0.5) / 4 + Math.sqrt(3) * -0.3;
        Tensor out = run(new PredictorCorrectorProvider(), VE_STEP, "noise_removal=false", Prediction.DATA, one(1), List.of(one(0.5), one(-0.3)));
        assertThat(out.get(0)).isCloseTo(x2, within(1e-14));
        // ancestral on VE: x̄ = x₁ + 3 score(x₁), noise σ' σ_{t|s}/σ = √3/2
        Tensor anc = run(new PredictorCorrectorProvider(), VE_STEP, "noise_removal=false predictor=ancestral", Prediction.DATA, one(1),
                List.of(one(0.5), one(-0.3)));
        assertThat(anc.get(0)).isCloseTo(x1 + 3 * -(x1 - 0.5) / 4 + Math.sqrt(3) / 2 * -0.3, within(1e-14));
    }

    @Test
    void langevinStepSizeFromBatchOrRowNorms() {
        // rows x = 1, 3 at σ = 2, x̂₀ = 0.5: scores −0.125, −0.625; draws 0.5, −1
        Tensor x = Tensor.of(new double[][] {{1}, {3}});
        Tensor z = Tensor.of(new double[][] {{0.5}, {-1}});
        String corrector = "predictor=none corrector=langevin snr=0.16 langevin_norm=";
        // batch: ε = 2 (r · mean‖z‖/mean‖∇‖)² = 2 (0.16·0.75/0.375)², the same for both rows
        double eb = 2 * Math.pow(0.16 * 0.75 / 0.375, 2);
        Tensor batch = run(new PredictorCorrectorProvider(), VE_STEP, corrector + "batch", Prediction.DATA, x, List.of(z));
        assertThat(batch.get(0)).isCloseTo(1 - eb * 0.125 + Math.sqrt(2 * eb) * 0.5, within(1e-14));
        assertThat(batch.get(1)).isCloseTo(3 - eb * 0.625 - Math.sqrt(2 * eb), within(1e-14));
        // row: ε_r = 2 (r ‖z_r‖/‖∇_r‖)²
        double e0 = 2 * Math.pow(0.16 * 0.5 / 0.125, 2), e1 = 2 * Math.pow(0.16 / 0.625, 2);
        Tensor row = run(new PredictorCorrectorProvider(), VE_STEP, corrector + "row", Prediction.DATA, x, List.of(z));
        assertThat(row.get(0)).isCloseTo(1 - e0 * 0.125 + Math.sqrt(2 * e0) * 0.5, within(1e-14));
        assertThat(row.get(1)).isCloseTo(3 - e1 * 0.625 - Math.sqrt(2 * e1), within(1e-14));
    }

    @Test
    void predictorCorrectorDeclaresItsCallsAndRefusesNothingToDo() {
        var pc = new PredictorCorrectorProvider().create(SolverConfig.of(VE_STEP, Prediction.DATA)
                .withOptions(SolverOptions.parse(List.of("n_steps=3"))));
        assertThat(pc.modelCalls(0)).isEqualTo(4);
        assertThatThrownBy(() -> new PredictorCorrectorProvider().create(SolverConfig.of(VE_STEP, Prediction.DATA)
                .withOptions(SolverOptions.parse(List.of("predictor=none", "corrector=none")))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("predictor");
    }

    @Test
    void churnFactorOfAlgorithmTwo() {
        Grid five = Grid.of(VE, List.of(NoiseLevel.of(1, 1, 20, 0), NoiseLevel.of(0.8, 1, 8, 0), NoiseLevel.of(0.6, 1, 3, 0),
                NoiseLevel.of(0.4, 1, 1, 0), NoiseLevel.of(0.2, 1, 0.3, 0), NoiseLevel.clean(0, 0)));
        assertThat(new Churn(4, 0, Double.POSITIVE_INFINITY, 1).gamma(five, 0)).isEqualTo(Math.sqrt(2) - 1);  // min(4/5, √2 − 1)
        assertThat(new Churn(1, 0, Double.POSITIVE_INFINITY, 1).gamma(five, 2)).isEqualTo(0.2);
        Churn window = new Churn(1, 0.5, 5, 1);
        assertThat(window.gamma(five, 1)).isEqualTo(0);   // σ = 8 > s_tmax
        assertThat(window.gamma(five, 2)).isEqualTo(0.2);
        assertThat(window.gamma(five, 4)).isEqualTo(0);   // σ = 0.3 < s_tmin
    }

    @Test
    void stochasticHeunStepByHand() {
        // s_churn = 0.1 on one step: γ = 0.1, ŝ = 2.2, ŷ = 1 + √(2.2² − 4)·z; Heun from 2.2 to 1 with x̂₀ = 0.5
        double z = 0.7, yHat = 1 + Math.sqrt(2.2 * 2.2 - 4) * z;
        double d = (yHat - 0.5) / 2.2, y2 = yHat - 1.2 * d, d2 = (y2 - 0.5) / 1;
        Tensor out = run(new StochasticHeunProvider(), VE_STEP, "s_churn=0.1", Prediction.DATA, one(1), List.of(one(z)));
        assertThat(out.get(0)).isCloseTo(yHat - 1.2 * (d + d2) / 2, within(1e-14));
    }

    @Test
    void stochasticEulerDiffusersConventionByHand() {
        // VP (0.6, 0.8) → (0.8, 0.6): y = x/α, s = 4/3 → 3/4; γ = 0.1, ŝ = s·1.1; model at the grid level (before the churn)
        double x = 1, y = x / 0.6, s = 4.0 / 3, sHat = 1.1 * s, sNext = 0.75, z = -0.4;
        double yHat = y + Math.sqrt(sHat * sHat - s * s) * z;
        double eps = (x - 0.6 * 0.5) / 0.8;           // ε̂ at (x, level)
        // ε: x̂₀ = ŷ − ŝ ε̂
        double x0Eps = yHat - sHat * eps;
        Tensor e = run(new StochasticEulerProvider(), VP_STEP, "s_churn=0.1 convention=diffusers", Prediction.EPSILON, one(x), List.of(one(z)));
        assertThat(e.get(0)).isCloseTo(0.8 * (yHat + (sNext - sHat) * (yHat - x0Eps) / sHat), within(1e-13));
        // v: x̂₀ = −s v/√(s² + 1) + ŷ/(s² + 1) with v = α ε − σ x₀ at the level
        double v = 0.6 * eps - 0.8 * 0.5;
        double x0V = -s / Math.sqrt(s * s + 1) * v + yHat / (s * s + 1);
        Tensor vp = run(new StochasticEulerProvider(), VP_STEP, "s_churn=0.1 convention=diffusers", Prediction.V, one(x), List.of(one(z)));
        assertThat(vp.get(0)).isCloseTo(0.8 * (yHat + (sNext - sHat) * (yHat - x0V) / sHat), within(1e-13));
    }

    @Test
    void firstOrderSdeDpmSolverStepsByHand() {
        double em = 9.0 / 16;                                   // e^{−h}
        // SDE-DPM-Solver++(1): x' = (σ'/σ) e^{−h} x + α'(1 − e^{−2h}) x̂₀ + σ' √(1 − e^{−2h}) z
        Tensor pp = run(new DpmSolverPlusPlus2MSdeProvider(), VP_STEP, "", Prediction.DATA, one(1), List.of(one(0.5)));
        assertThat(pp.get(0)).isCloseTo(0.75 * em + 0.8 * (1 - em * em) * 0.5 + 0.6 * Math.sqrt(1 - em * em) * 0.5, within(1e-14));
        // SDE-DPM-Solver-1: x' = (α'/α) x − 2σ'(e^h − 1) ε̂ + σ' √(e^{2h} − 1) z with ε̂ = (1 − 0.3)/0.8
        double eh = 16.0 / 9, eps = 0.7 / 0.8;
        Tensor noise = run(new SdeDpmSolverProvider(), VP_STEP, "", Prediction.DATA, one(1), List.of(one(0.5)));
        assertThat(noise.get(0)).isCloseTo(4.0 / 3 - 2 * 0.6 * (eh - 1) * eps + 0.6 * Math.sqrt(eh * eh - 1) * 0.5, within(1e-14));
        // η = 0.5 in the ++ form: (σ'/σ) e^{−h/2} x + α'(1 − e^{−1.5h}) x̂₀ + σ'√(1 − e^{−h}) z
        Tensor half = run(new DpmSolverPlusPlus2MSdeProvider(), VP_STEP, "eta=0.5", Prediction.DATA, one(1), List.of(one(0.5)));
        assertThat(half.get(0)).isCloseTo(0.75 * Math.sqrt(em) + 0.8 * (1 - Math.pow(em, 1.5)) * 0.5 + 0.6 * Math.sqrt(1 - em) * 0.5,
                within(1e-14));
    }

    @Test
    void secondOrderSdeStepWithEtaZeroIsDpmSolverPlusPlus2M() {
        // x̂₀ = 0.5 x (a linear denoiser) over three VP levels: the second step is Lu et al. 2022 (arXiv:2211.01095), Alg. 2
        Grid grid = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.7, 0.4, Math.sqrt(0.84), 0.7),
                NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));
        Denoiser half = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return x.scale(0.5); }
        };
        var solver = new DpmSolverPlusPlus2MSdeProvider().create(SolverConfig.of(grid, Prediction.DATA)
                .withOptions(SolverOptions.parse(List.of("eta=0", "lower_order_final=false"))));
        double out = Sampler.sample(solver, half, one(1), NoiseSource.replay(List.of())).samples().get(0);
        NoiseLevel a = grid.level(0), b = grid.level(1), c = grid.level(2);
        double h0 = b.lambda() - a.lambda(), h1 = c.lambda() - b.lambda();
        double x1 = b.sigma() / a.sigma() * 1 - b.alpha() * Math.expm1(-h0) * 0.5;   // DPM-Solver++(1)
        double m0 = 0.5, m1 = 0.5 * x1, r = h0 / h1;
        double d = (1 + 1 / (2 * r)) * m1 - 1 / (2 * r) * m0;
        assertThat(out).isCloseTo(c.sigma() / b.sigma() * x1 - c.alpha() * Math.expm1(-h1) * d, within(1e-14));
    }
}
