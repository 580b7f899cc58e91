package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.diffuse4j.conformance.TestProblems;
import org.junit.jupiter.api.Test;

class PndmTest {
    private static final SolverOptions DIFFUSERS = SolverOptions.NONE.with(PndmProvider.DIFFUSERS_TIMESTEPS, true);
    private static final SolverOptions PLMS = DIFFUSERS.with(PndmProvider.SKIP_PRK_STEPS, true);

    /** diffusers' PNDM levels: the integer timesteps of a spacing, then final_alpha_cumprod = ᾱ₀. */
    private static Grid grid(TimestepSpacing spacing, int steps) {
        return Grids.vpTimesteps(DdimTest.SD, spacing.timesteps(1000, steps, 0, true), DdimTest.SD.timestep(0));
    }

    private static SamplingResult run(Grid grid, SolverOptions options, Denoiser denoiser) {
        var solver = new PndmProvider().create(new SolverConfig(grid, denoiser.target(), options));
        Tensor xT = org.diffuse4j.api.NoiseSource.seeded(4).gaussian(3, 2);
        return Sampler.sample(solver, denoiser, xT, DdimTest.forbidden(), SamplingOptions.DEFAULT.recordingModelCalls());
    }

    private static double[] timesteps(SamplingResult r) { return r.modelCallLevels().stream().mapToDouble(NoiseLevel::modelTime).toArray(); }

    private static final Denoiser RING = new GaussianMixtureDenoiser(TestProblems.ring(), Prediction.EPSILON);

    @Test
    void prkWarmUpVisitsDiffusersTimesteps() {
        // PNDMScheduler.set_timesteps(10), leading: PRK on 900 → 800 → 700 → 600 with half steps of 50, then PLMS
        SamplingResult r = run(grid(TimestepSpacing.LEADING, 10), DIFFUSERS, RING);
        assertThat(timesteps(r)).containsExactly(900, 850, 850, 800, 800, 750, 750, 700, 700, 650, 650, 600,
                600, 500, 400, 300, 200, 100, 0);
        assertThat(r.trace().stream().mapToInt(e -> e.order()).toArray()).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
    }

    @Test
    void plmsCallsTheModelOnceMorePerRun() {
        // skip_prk_steps: [t₀, t₁, t₁, t₂, …, 0], N + 1 calls
        SamplingResult r = run(grid(TimestepSpacing.LINSPACE, 10), PLMS, RING);
        assertThat(timesteps(r)).containsExactly(999, 888, 888, 777, 666, 555, 444, 333, 222, 111, 0);
        for (int n : List.of(1, 2, 5, 20)) {
            var solver = new PndmProvider().create(new SolverConfig(grid(TimestepSpacing.LEADING, n), Prediction.EPSILON, PLMS));
            assertThat(solver.totalModelCalls()).as("%d steps", n).isEqualTo(n == 1 ? 1 : n + 1);
        }
        var prk = new PndmProvider().create(new SolverConfig(grid(TimestepSpacing.LEADING, 10), Prediction.EPSILON, DIFFUSERS));
        assertThat(prk.totalModelCalls()).isEqualTo(19);
    }

    @Test
    void theFirstPlmsPredictorLandsWhereDiffusersDoes() {
        // linspace: the first transfer goes from 999 to 999 − ⌊1000/10⌋ = 899 although the model is next called at 888
        List<Tensor> inputs = new ArrayList<>();
        Denoiser constant = recording(inputs, 0.3);
        run(grid(TimestepSpacing.LINSPACE, 10), PLMS, constant);
        Tensor x = org.diffuse4j.api.NoiseSource.seeded(4).gaussian(3, 2);
        NoiseLevel from = DdimTest.SD.timestep(999), landing = DdimTest.SD.timestep(899);
        // DDIM with x̂₀ = 0.3: ε = (x − α 0.3)/σ, x' = α' 0.3 + σ' ε
        Tensor eps = Tensor.combine(1 / from.sigma(), x, -from.alpha() * 0.3 / from.sigma(), Tensor.full(1, x.shape()));
        Tensor expected = Tensor.combine(landing.sigma(), eps, landing.alpha() * 0.3, Tensor.full(1, x.shape()));
        assertThat(inputs.get(1).maxAbsDistance(expected)).isLessThan(1e-13);
    }

    @Test
    void diffusersArithmeticAgreesWithTheGridOnEqualSpacing() {
        // leading spacing: t − ⌊N/n⌋ is the next timestep and t₁ + ⌊N/n⌋ = t₀, so both modes walk the same levels
        Grid grid = grid(TimestepSpacing.LEADING, 8);
        Tensor a = run(grid, PLMS, RING).samples();
        Tensor b = run(grid, SolverOptions.NONE.with(PndmProvider.SKIP_PRK_STEPS, true), RING).samples();
        assertThat(a.maxAbsDistance(b)).isLessThan(1e-14);
    }

    @Test
    void combiningVOutputsMatchesEpsilonWhenNothingIsCombined() {
        // one PLMS step: ε = α v + σ x at the step's start is exactly the ε-prediction there
        Grid grid = grid(TimestepSpacing.LEADING, 1);
        Denoiser v = new GaussianMixtureDenoiser(TestProblems.ring(), Prediction.V);
        SolverOptions opts = PLMS.with(PndmProvider.COMBINED_OUTPUT, Pndm.CombinedOutput.V_PREDICTION);
        Tensor a = run(grid, opts, v).samples();
        Tensor b = run(grid, PLMS, RING).samples();
        assertThat(a.maxAbsDistance(b)).isLessThan(1e-12);
        // on longer runs the two differ: diffusers combines raw v outputs
        Grid longer = grid(TimestepSpacing.LEADING, 6);
        assertThat(run(longer, opts, v).samples().maxAbsDistance(run(longer, PLMS, RING).samples())).isGreaterThan(1e-9);
    }

    @Test
    void diffusersTimestepsNeedIntegerLevels() {
        Grid karras = Grids.karras(DdimTest.SD, 5, 0.03, 14.6, 7);
        assertThatThrownBy(() -> new PndmProvider().create(new SolverConfig(karras, Prediction.EPSILON, DIFFUSERS)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("diffusers_timesteps");
    }

    @Test
    void generalGridsUseTheMidpointInSForTheWarmUp() {
        // on a uniform-λ grid the PRK steps are classical RK4 in (y, s): the first step equals rk4's
        Grid grid = Grids.uniformLambda(DdimTest.SD, 6, 1.0, 0.002);
        Denoiser d = new GaussianData(new double[] {0.3, -1}, 0.6).denoiser(Prediction.EPSILON);
        Tensor xT = new GaussianData(new double[] {0.3, -1}, 0.6).sample(grid.level(0), 3, 1);
        Grid first = Grid.of(grid.schedule(), grid.levels().subList(0, 2));
        Tensor pndm = Sampler.sample(new PndmProvider().create(SolverConfig.of(first, Prediction.EPSILON)), d, xT, DdimTest.forbidden()).samples();
        Tensor rk4 = Sampler.sample(new RungeKutta4Provider().create(SolverConfig.of(first, Prediction.EPSILON)), d, xT, DdimTest.forbidden()).samples();
        assertThat(pndm.maxAbsDistance(rk4)).isLessThan(1e-13);
        assertThat(IntStream.range(0, 6).map(i -> new PndmProvider().create(SolverConfig.of(grid, Prediction.EPSILON)).modelCalls(i)).toArray())
                .containsExactly(4, 4, 4, 1, 1, 1);
    }

    private static Denoiser recording(List<Tensor> inputs, double x0) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                inputs.add(x);
                return Tensor.full(x0, x.shape());
            }
        };
    }

    @Test
    void plmsIsPndmWithoutTheWarmUp() {
        assertThat(new PlmsProvider().traits().options()).doesNotContain(PndmProvider.SKIP_PRK_STEPS);
        Grid grid = grid(TimestepSpacing.LEADING, 7);
        Tensor a = run(grid, PLMS, RING).samples();
        var plms = new PlmsProvider().create(new SolverConfig(grid, Prediction.EPSILON, SolverOptions.NONE.with(PndmProvider.DIFFUSERS_TIMESTEPS, true)));
        Tensor b = Sampler.sample(plms, RING, org.diffuse4j.api.NoiseSource.seeded(4).gaussian(3, 2), DdimTest.forbidden()).samples();
        assertThat(a).isEqualTo(b);
    }
}
