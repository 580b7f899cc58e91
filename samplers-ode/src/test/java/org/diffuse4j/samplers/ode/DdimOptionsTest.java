package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/** DDIM's x̂₀ corrections against DDIM Eq. (12) evaluated by hand. */
class DdimOptionsTest {
    static final VpLinearSchedule SCHEDULE = VpLinearSchedule.standard();
    static final NoiseLevel FROM = SCHEDULE.at(0.6), TO = SCHEDULE.at(0.3);
    static final Grid GRID = Grid.of(SCHEDULE, List.of(FROM, TO));

    /** A model predicting x̂₀ = (2, −0.5, 3) for every row. */
    static final Denoiser X0 = new Denoiser() {
        @Override public Prediction target() { return Prediction.DATA; }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
            double[][] rows = new double[x.rows()][];
            for (int i = 0; i < rows.length; i++) rows[i] = new double[] {2, -0.5, 3};
            return Tensor.of(rows);
        }
    };

    static double[] run(SolverOptions options, double[] x) {
        var solver = new DdimProvider().create(new SolverConfig(GRID, Prediction.DATA, options));
        return Sampler.sample(solver, X0, Tensor.of(new double[][] {x}), NoiseSource.seeded(1)).samples().rowValues(0);
    }

    @Test void clipSampleUsesTheClippedX0WithTheModelsEpsilon() {
        double[] x = {0.3, -0.2, 0.7};
        double[] x0 = {2, -0.5, 3}, clipped = {1, -0.5, 1};
        double[] got = run(SolverOptions.NONE.with("clip_sample", "true"), x);
        for (int j = 0; j < 3; j++) {
            double eps = (x[j] - FROM.alpha() * x0[j]) / FROM.sigma(); // ε̂ from the uncorrected prediction
            assertThat(got[j]).isCloseTo(TO.alpha() * clipped[j] + TO.sigma() * eps, within(1e-13));
        }
    }

    @Test void useClippedModelOutputRecomputesEpsilon() {
        double[] x = {0.3, -0.2, 0.7};
        double[] clipped = {1, -0.5, 1};
        double[] got = run(SolverOptions.NONE.with("clip_sample", "true").with("use_clipped_model_output", "true"), x);
        for (int j = 0; j < 3; j++) {
            double eps = (x[j] - FROM.alpha() * clipped[j]) / FROM.sigma();
            assertThat(got[j]).isCloseTo(TO.alpha() * clipped[j] + TO.sigma() * eps, within(1e-13));
        }
    }

    @Test void thresholdingDividesByTheRowQuantile() {
        double[] x = {0.3, -0.2, 0.7};
        // |x̂₀| sorted 0.5, 2, 3; quantile 0.995 at position 1.99 → 2 + 0.99·1 = 2.99 = s
        double s = 2.99;
        double[] corrected = {2 / s, -0.5 / s, 1};
        double[] got = run(SolverOptions.NONE.with("thresholding", "true").with("sample_max_value", "5"), x);
        for (int j = 0; j < 3; j++) {
            double eps = (x[j] - FROM.alpha() * new double[] {2, -0.5, 3}[j]) / FROM.sigma();
            assertThat(got[j]).isCloseTo(TO.alpha() * corrected[j] + TO.sigma() * eps, within(1e-12));
        }
    }

    @Test void clipAndThresholdTogetherAreRefused() {
        assertThatThrownBy(() -> new DdimProvider().create(new SolverConfig(GRID, Prediction.EPSILON,
                SolverOptions.NONE.with("clip_sample", "true").with("thresholding", "true"))))
                .hasMessageContaining("thresholding").hasMessageContaining("clip_sample");
    }

    @Test void ddimRunsBackwardsForInversion() {
        // data → noise with the exact Gaussian denoiser would need a Gaussian model; here: the step formula
        Grid inverse = Grid.of(SCHEDULE, List.of(TO, FROM));
        var solver = new DdimProvider().create(new SolverConfig(inverse, Prediction.DATA, SolverOptions.NONE));
        double[] x = {0.3, -0.2, 0.7}, x0 = {2, -0.5, 3};
        double[] got = Sampler.sample(solver, X0, Tensor.of(new double[][] {x}), NoiseSource.seeded(1)).samples().rowValues(0);
        for (int j = 0; j < 3; j++) {
            double eps = (x[j] - TO.alpha() * x0[j]) / TO.sigma();
            assertThat(got[j]).isCloseTo(FROM.alpha() * x0[j] + FROM.sigma() * eps, within(1e-13));
        }
    }
}
