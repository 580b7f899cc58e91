package org.diffuse4j.samplers.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.diffuse4j.samplers.sde.Ddpm.VarianceType;
import org.junit.jupiter.api.Test;

class DdpmTest {
    private static final DdpmProvider PROVIDER = new DdpmProvider();
    private static final DiscreteVpSchedule DDPM = DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5}, 0.5);
    private static final int ROWS = 20_000;

    /** 199 uniform-time steps from t = 1 to t = 1/N, then one step to clean data: 200 steps. */
    private static Grid grid() {
        List<NoiseLevel> levels = new ArrayList<>(Grids.uniformTime(DDPM, 199).levels());
        levels.add(NoiseLevel.clean(0, -1));
        return Grid.of(DDPM, levels);
    }

    private static SolverOptions variance(VarianceType type) {
        return SolverOptions.NONE.with(DdpmProvider.VARIANCE_TYPE, type);
    }

    private static Tensor sample(Grid grid, SolverOptions options, Tensor xT, long seed) {
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(options));
        return Sampler.sample(solver, DATA.denoiser(), xT, NoiseSource.seeded(seed)).samples();
    }

    /**
     * The exact variance of the output of the DDPM chain for this Gaussian data, written in Ho et al. 2020's
     * notation (Eqs. (6)–(7)) with ᾱ = α²: x_s = c_t x_t + c_0 x̂₀ + √β̃ z, where β = 1 − ᾱ_t/ᾱ_s,
     * c_0 = √ᾱ_s β/(1 − ᾱ_t), c_t = √(ᾱ_t/ᾱ_s)(1 − ᾱ_s)/(1 − ᾱ_t), β̃ = (1 − ᾱ_s)β/(1 − ᾱ_t) (fixed_small) or β
     * (fixed_large). With x̂₀ = μ + g (x_t − α_t μ) the deviation from the mean is scaled by c_t + c_0 g per step
     * (the mean itself stays exactly α μ).
     */
    private static double chainVariance(Grid grid, VarianceType type) {
        double var = DATA.variance(grid.level(0));
        for (int i = 0; i < grid.steps(); i++) {
            NoiseLevel t = grid.from(i), s = grid.to(i);
            double abT = t.alpha() * t.alpha(), abS = s.alpha() * s.alpha();
            double beta = 1 - abT / abS;
            double c0 = Math.sqrt(abS) * beta / (1 - abT);
            double ct = Math.sqrt(abT / abS) * (1 - abS) / (1 - abT);
            double g = t.alpha() * DATA.s2 / DATA.variance(t);
            double added = s.isClean() ? 0 : type == VarianceType.FIXED_SMALL ? (1 - abS) * beta / (1 - abT) : beta;
            var = Math.pow(ct + c0 * g, 2) * var + added;
        }
        return var;
    }

    @Test
    void oneStepIsTheDdpmPosteriorByHand() {
        // ᾱ_t = 0.36 → ᾱ_s = 0.64, x = 1, x̂₀ = 2, z = 0.5: β = 0.4375, mean = 0.421875·1 + 0.546875·2 = 1.515625,
        // β̃ = 0.36/0.64 · 0.4375 = 0.24609375
        Grid grid = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));
        Denoiser two = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(2, x.shape()); }
        };
        for (var c : List.of(new Object[] {VarianceType.FIXED_SMALL, 0.24609375}, new Object[] {VarianceType.FIXED_LARGE, 0.4375})) {
            var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA).withOptions(variance((VarianceType) c[0])));
            NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
            Tensor out = Sampler.sample(solver, two, Tensor.full(1, 1, 1), z).samples();
            assertThat(out.get(0)).as("%s", c[0]).isCloseTo(1.515625 + 0.5 * Math.sqrt((double) c[1]), within(1e-14));
            assertThat(z.draws()).isEqualTo(1);
        }
    }

    @Test
    void fixedSmallMatchesTheDataMoments() {
        Grid grid = grid();
        assertThat(grid.steps()).isEqualTo(200);
        assertThat(grid.endsAtData()).isTrue();
        Tensor xT = DATA.sample(grid.level(0), ROWS, 1);
        Tensor out = sample(grid, SolverOptions.NONE, xT, 2);

        double chain = chainVariance(grid, VarianceType.FIXED_SMALL);
        double[] m = GaussianData.means(out);
        for (int j = 0; j < 2; j++) {
            assertThat(m[j]).as("mean %d", j).isCloseTo(DATA.mu[j], within(4 * Math.sqrt(chain / ROWS)));
        }
        double var = GaussianData.pooledVariance(out);
        double se = chain * Math.sqrt(2.0 / (2 * ROWS - 2));
        // the discrete chain's own law, tightly
        assertThat(var).isCloseTo(chain, within(4 * se));
        // the data variance, allowing the chain's discretisation bias (fixed_small omits Var[x₀ | x_t]; −6.8 % here)
        assertThat(chain).isCloseTo(DATA.s2, within(0.08 * DATA.s2)).isLessThan(DATA.s2);
        assertThat(var).isCloseTo(DATA.s2, within(4 * se + (DATA.s2 - chain)));
    }

    @Test
    void fixedLargeRoughlyMatchesTheDataMoments() {
        Grid grid = grid();
        Tensor xT = DATA.sample(grid.level(0), ROWS, 3);
        Tensor out = sample(grid, variance(VarianceType.FIXED_LARGE), xT, 4);
        double chain = chainVariance(grid, VarianceType.FIXED_LARGE);
        double[] m = GaussianData.means(out);
        for (int j = 0; j < 2; j++) assertThat(m[j]).isCloseTo(DATA.mu[j], within(4 * Math.sqrt(chain / ROWS)));
        double var = GaussianData.pooledVariance(out);
        double se = chain * Math.sqrt(2.0 / (2 * ROWS - 2));
        assertThat(var).isCloseTo(chain, within(4 * se));
        assertThat(var).isCloseTo(DATA.s2, within(0.05 * DATA.s2));
    }

    @Test
    void sameSeedSameSamplesDifferentSeedDifferentSamples() {
        Grid grid = Grids.uniformTime(DDPM, 20);
        Tensor xT = DATA.sample(grid.level(0), 8, 5);
        Tensor a = sample(grid, SolverOptions.NONE, xT, 11), b = sample(grid, SolverOptions.NONE, xT, 11);
        Tensor c = sample(grid, SolverOptions.NONE, xT, 12);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.maxAbsDistance(c)).isGreaterThan(1e-3);
    }

    @Test
    void drawsOncePerStepExceptOnTheJumpToCleanData() {
        Grid grid = grid();
        var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA));
        NoiseSource noise = NoiseSource.seeded(1);
        Sampler.sample(solver, DATA.denoiser(), DATA.sample(grid.level(0), 2, 1), noise);
        assertThat(noise.draws()).isEqualTo(grid.steps() - 1);
    }

    @Test
    void badVarianceTypeIsRefusedByName() {
        assertThatThrownBy(() -> PROVIDER.create(SolverConfig.of(grid(), Prediction.DATA)
                .withOptions(SolverOptions.of(Map.of("variance_type", "learnt")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("variance_type").hasMessageContaining("'learnt'")
                .hasMessageContaining("fixed_small, fixed_small_log, fixed_large, fixed_large_log, learned, learned_range");
    }

    /** ᾱ_t = 0.36 → ᾱ_s = 0.64 (see oneStepIsTheDdpmPosteriorByHand): β = 0.4375, β̃ = 0.24609375, mean 1.515625. */
    private static final Grid ONE_STEP = Grid.of(VpLinearSchedule.standard(),
            List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.of(0.3, 0.8, 0.6, 0.3)));

    private static Denoiser constant(double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(x0, x.shape()); }
        };
    }

    private static double oneStep(SolverOptions options, Denoiser model, double z) {
        var solver = PROVIDER.create(SolverConfig.of(ONE_STEP, Prediction.DATA).withOptions(options));
        return Sampler.sample(solver, model, Tensor.full(1, 1, 1), NoiseSource.replay(List.of(Tensor.full(z, 1, 1)))).samples().get(0);
    }

    @Test
    void logVarianceTypesEqualTheirPlainForms() {
        double small = 1.515625 + 0.5 * Math.sqrt(0.24609375), large = 1.515625 + 0.5 * Math.sqrt(0.4375);
        assertThat(oneStep(SolverOptions.parse(List.of("variance_type=fixed_small_log")), constant(2), 0.5)).isCloseTo(small, within(1e-14));
        assertThat(oneStep(SolverOptions.parse(List.of("variance_type=fixed_large_log")), constant(2), 0.5)).isCloseTo(large, within(1e-14));
    }

    /** A network predicting x̂₀ = 2 and the variance output v. */
    private static VarianceDenoiser withVariance(double v) {
        return new VarianceDenoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(2, x.shape()); }

            @Override public Tensor predictVariance(Tensor x, NoiseLevel level, Conditioning c) { return Tensor.full(v, x.shape()); }
        };
    }

    @Test
    void learnedVariancesComeFromTheNetwork() {
        NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
        var learned = PROVIDER.create(SolverConfig.of(ONE_STEP, Prediction.DATA).withOptions(SolverOptions.parse(List.of("variance_type=learned"))));
        // learned: Σ = v = 0.09, std 0.3
        assertThat(LearnedVariance.sample(learned, withVariance(0.09), Tensor.full(1, 1, 1), z).samples().get(0))
                .isCloseTo(1.515625 + 0.5 * 0.3, within(1e-14));
        var range = PROVIDER.create(SolverConfig.of(ONE_STEP, Prediction.DATA).withOptions(SolverOptions.parse(List.of("variance_type=learned_range"))));
        // learned_range, Nichol & Dhariwal Eq. (15): v = 0 is the geometric mean of β and β̃, std (β β̃)^{1/4}; v = 1 gives β, v = −1 gives β̃
        for (double[] c : new double[][] {{0, Math.pow(0.4375 * 0.24609375, 0.25)}, {1, Math.sqrt(0.4375)}, {-1, Math.sqrt(0.24609375)}}) {
            NoiseSource zz = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
            assertThat(LearnedVariance.sample(range, withVariance(c[0]), Tensor.full(1, 1, 1), zz).samples().get(0))
                    .as("v = %s", c[0]).isCloseTo(1.515625 + 0.5 * c[1], within(1e-14));
        }
    }

    @Test
    void learnedVarianceWithoutAVarianceOutputIsRefusedNamingTheOption() {
        var solver = PROVIDER.create(SolverConfig.of(ONE_STEP, Prediction.DATA).withOptions(SolverOptions.parse(List.of("variance_type=learned_range"))));
        assertThatThrownBy(() -> Sampler.sample(solver, constant(2), Tensor.full(1, 1, 1), NoiseSource.seeded(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("variance_type").hasMessageContaining("learned_range")
                .hasMessageContaining("VarianceDenoiser");
    }

    @Test
    void clippingAndThresholdingCorrectTheDenoisedEstimate() {
        // x̂₀ = 2 clipped to 0.8: mean 0.421875 + 0.546875·0.8
        assertThat(oneStep(SolverOptions.parse(List.of("clip_sample=true", "clip_sample_range=0.8")), constant(2), 0))
                .isCloseTo(0.421875 + 0.546875 * 0.8, within(1e-14));
        // one value: the quantile is |x̂₀| = 2, clamped to sample_max_value 1.5, so x̂₀ = clamp(2, ±1.5)/1.5 = 1
        assertThat(oneStep(SolverOptions.parse(List.of("thresholding=true", "sample_max_value=1.5")), constant(2), 0))
                .isCloseTo(0.421875 + 0.546875, within(1e-14));
        assertThatThrownBy(() -> oneStep(SolverOptions.parse(List.of("thresholding=true", "clip_sample=true")), constant(2), 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("thresholding");
    }

    @Test
    void noiseAtFinalDrawsOnTheStepOntoCleanData() {
        Grid grid = Grid.of(VpLinearSchedule.standard(), List.of(NoiseLevel.of(0.5, 0.6, 0.8, 0.5), NoiseLevel.clean(0, -1)));
        // onto clean data: mean x̂₀; fixed_large adds √β z with β = σ_t² = 0.64 (diffusers' t > 0 rule), fixed_small √1e-20 z
        for (Object[] c : new Object[][] {{"fixed_large", 2 + 0.8 * 0.5}, {"fixed_small", 2 + 1e-10 * 0.5}}) {
            var solver = PROVIDER.create(SolverConfig.of(grid, Prediction.DATA)
                    .withOptions(SolverOptions.parse(List.of("noise_at_final=true", "variance_type=" + c[0]))));
            NoiseSource z = NoiseSource.replay(List.of(Tensor.full(0.5, 1, 1)));
            assertThat(Sampler.sample(solver, constant(2), Tensor.full(1, 1, 1), z).samples().get(0)).as("%s", c[0])
                    .isCloseTo((double) c[1], within(1e-14));
            assertThat(z.draws()).isEqualTo(1);
        }
    }

    @Test
    void gligenPresetIsFixedSmallWithoutCorrections() {
        Tensor viaPreset = Tensor.full(oneStep(SolverOptions.parse(List.of("preset=gligen")), constant(2), 0.5), 1);
        assertThat(viaPreset.get(0)).isCloseTo(1.515625 + 0.5 * Math.sqrt(0.24609375), within(1e-14));
        assertThatThrownBy(() -> oneStep(SolverOptions.parse(List.of("preset=gligen", "clip_sample=true")), constant(2), 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("clip_sample").hasMessageContaining("gligen");
    }
}
