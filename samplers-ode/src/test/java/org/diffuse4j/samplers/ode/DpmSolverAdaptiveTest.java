package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.junit.jupiter.api.Test;

/** Adaptive DPM-Solver-12/23 against the exact probability-flow solution of Gaussian data. */
class DpmSolverAdaptiveTest {
    private static final GaussianData DATA = DpmSolverTest.DATA;
    /** One grid step from t = 1 to t = 1/N: the whole integration is adaptive, as in the official method="adaptive". */
    private static final Grid ONE_STEP = Grids.explicit(DdimTest.SD, new double[] {1.0, 1.0 / 1000});

    private static SamplingResult run(SolverProvider p, Grid grid, SolverOptions options) {
        Solver<?> solver = p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options));
        Tensor xT = DATA.sample(grid.level(0), 8, 42);
        return Sampler.sample(solver, DATA.denoiser(Prediction.EPSILON), xT, DdimTest.forbidden());
    }

    /** The endpoint error relative to the tolerance δ = atol + rtol · max|x| the controller holds each step's error estimate to. */
    private static double errorOverTolerance(SolverProvider p, SolverOptions options, double atol, double rtol) {
        Tensor xT = DATA.sample(ONE_STEP.level(0), 8, 42);
        Tensor out = run(p, ONE_STEP, options).samples();
        Tensor exact = DATA.flow(xT, ONE_STEP.level(0), ONE_STEP.level(1));
        double e = out.maxAbsDistance(exact) / (atol + rtol * exact.maxAbs());
        System.out.printf("%s %s: endpoint error %.3g δ%n", p.name(), options, e);
        return e;
    }

    @Test
    void reachesTheExactFlowWithinItsTolerance() {
        for (SolverProvider p : List.of(new DpmSolverAdaptiveProvider(), new DpmSolverPlusPlusAdaptiveProvider())) {
            for (String order : List.of("2", "3")) {
                SolverOptions o = SolverOptions.NONE.with("solver_order", order);
                assertThat(errorOverTolerance(p, o, 0.0078, 0.05)).as("%s order %s", p.name(), order).isLessThan(1);
                SolverOptions tight = o.with("atol", "1e-6").with("rtol", "1e-6");
                assertThat(errorOverTolerance(p, tight, 1e-6, 1e-6)).as("%s order %s, tolerances 1e-6", p.name(), order).isLessThan(1);
            }
        }
    }

    @Test
    void tighterTolerancesCostMoreCallsInMultiplesOfTheOrder() {
        DpmSolverAdaptiveProvider p = new DpmSolverAdaptiveProvider();
        for (int order : new int[] {2, 3}) {
            SolverOptions o = SolverOptions.NONE.with("solver_order", Integer.toString(order));
            SamplingResult loose = run(p, ONE_STEP, o), tight = run(p, ONE_STEP, o.with("atol", "1e-5").with("rtol", "1e-5"));
            assertThat(loose.modelCalls() % order).isZero();
            assertThat(tight.modelCalls() % order).isZero();
            assertThat(tight.modelCalls()).isGreaterThan(loose.modelCalls());
            assertThat(loose.trace().get(0).order()).isEqualTo(order);
        }
    }

    @Test
    void callsAreDeclaredAdaptiveExceptForTheJumpToCleanData() {
        List<NoiseLevel> levels = new java.util.ArrayList<>(ONE_STEP.levels());
        levels.add(NoiseLevel.clean(0, 0));
        Grid withJump = Grid.of(DdimTest.SD, levels);
        Solver<?> solver = new DpmSolverAdaptiveProvider().create(SolverConfig.of(withJump, Prediction.EPSILON));
        assertThat(solver.modelCalls(0)).isEqualTo(Solver.ADAPTIVE);
        assertThat(solver.modelCalls(1)).isEqualTo(1);
        assertThat(solver.totalModelCalls()).isEqualTo(Solver.ADAPTIVE);
        SamplingResult r = run(new DpmSolverAdaptiveProvider(), withJump, SolverOptions.NONE);
        assertThat(r.trace().get(1).order()).isEqualTo(1);
        assertThat(r.modelCalls() % 3).isEqualTo(1);
        assertThat(new DpmSolverAdaptiveProvider().traits().adaptive()).isTrue();
    }
}
