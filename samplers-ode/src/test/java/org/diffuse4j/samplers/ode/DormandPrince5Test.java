package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

class DormandPrince5Test {
    private static final GaussianData DATA = new GaussianData(new double[] {1.0, -0.5, 0.25}, 0.5);

    private static SamplingResult run(Grid grid, double rtol) {
        SolverOptions o = SolverOptions.NONE.with(DormandPrince5Provider.RTOL, rtol).with(DormandPrince5Provider.ATOL, rtol);
        var solver = new DormandPrince5Provider().create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(o));
        Tensor xT = DATA.sample(grid.level(0), 4, 3);
        return Sampler.sample(solver, DATA.denoiser(Prediction.EPSILON), xT, DdimTest.forbidden());
    }

    private static double error(Grid grid, double rtol) {
        Tensor xT = DATA.sample(grid.level(0), 4, 3);
        return run(grid, rtol).samples().maxAbsDistance(DATA.flow(xT, grid.level(0), grid.to(grid.steps() - 1)));
    }

    @Test
    void errorFollowsTheTolerance() {
        Grid grid = Grids.uniformLambda(DdimTest.SD, 3, 1.0, 0.002);
        double loose = error(grid, 1e-3), tight = error(grid, 1e-8);
        assertThat(tight).isLessThan(1e-6);
        assertThat(loose).isGreaterThan(10 * tight);
    }

    @Test
    void takesItsOwnSubStepsBetweenGridLevels() {
        // one grid step across the whole schedule: many sub-steps of 6 calls (+1 for the first stage)
        Grid one = Grids.uniformLambda(DdimTest.SD, 1, 1.0, 0.002);
        SamplingResult r = run(one, 1e-6);
        assertThat(r.modelCalls()).isGreaterThan(13).matches(n -> (n - 1) % 6 == 0, "1 + 6 per attempted sub-step");
        assertThat(r.trace().get(0).order()).isEqualTo(5);
        Solver<?> solver = new DormandPrince5Provider().create(SolverConfig.of(one, Prediction.EPSILON));
        assertThat(solver.modelCalls(0)).isEqualTo(Solver.ADAPTIVE);
        assertThat(solver.totalModelCalls()).isEqualTo(Solver.ADAPTIVE);
    }

    @Test
    void reusesTheLastStageAcrossGridLevels() {
        // first same as last: after the first grid step no step re-evaluates its starting point
        Grid grid = Grids.uniformLambda(DdimTest.SD, 4, 1.0, 0.002);
        SamplingResult r = run(grid, 1e-4);
        assertThat((r.modelCalls() - 1) % 6).isZero();
    }

    @Test
    void aStepToCleanDataIntegratesToTheFinalSigmaThenDenoises() {
        List<NoiseLevel> levels = new ArrayList<>(Grids.uniformLambda(DdimTest.SD, 2, 1.0, 0.1).levels());
        levels.add(NoiseLevel.clean(DdimTest.SD.tMin(), 0));
        Grid grid = Grid.of(DdimTest.SD, levels);
        Tensor xT = DATA.sample(grid.level(0), 4, 3);
        Tensor got = run(grid, 1e-9).samples();
        // the exact flow to σ/α = 1e-3, then x̂₀ there (almost the flow's endpoint for data of std 0.5)
        NoiseLevel floor = PfOdeVariables.atSigmaVe(DdimTest.SD, 1e-3);
        Tensor atFloor = DATA.flow(xT, grid.level(0), floor);
        Tensor x0 = DATA.denoiser(Prediction.DATA).predict(atFloor, floor, org.diffuse4j.api.Conditioning.NONE);
        assertThat(got.maxAbsDistance(x0)).isLessThan(1e-7);
        // a single point is reached exactly
        Tensor point = Tensor.stack(Collections.nCopies(4, Tensor.of(new double[][] {{1.0, -0.5, 0.25}})));
        var p = new GaussianData(new double[] {1.0, -0.5, 0.25}, 1e-9);
        var solver = new DormandPrince5Provider().create(SolverConfig.of(grid, Prediction.EPSILON));
        Tensor landed = Sampler.sample(solver, p.denoiser(Prediction.EPSILON), xT, DdimTest.forbidden()).samples();
        assertThat(landed.maxAbsDistance(point)).isLessThan(1e-8);
    }
}
