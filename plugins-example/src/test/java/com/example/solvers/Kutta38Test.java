package com.example.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ThreeEighthesIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Kutta38Test {
    private static final Kutta38Provider PROVIDER = new Kutta38Provider();

    @Test void convergesAtFourthOrderOnTheStandardVpSchedule() {
        int[] steps = {4, 8, 16, 32};
        List<Double> errors = Convergence.errors(PROVIDER, VpLinearSchedule.standard(), steps);
        assertThat(errors).allSatisfy(e -> assertThat(e).isGreaterThan(1e-9));
        assertThat(Convergence.observedOrder(steps, errors)).isCloseTo(4.0, within(0.3));
    }

    @ParameterizedTest @MethodSource("com.example.solvers.Schedules#supported")
    void convergesAtFourthOrderOnEverySupportedFamily(Schedule schedule) {
        int[] steps = {8, 16, 32, 64};
        assertThat(Convergence.observedOrder(steps, Convergence.errors(PROVIDER, schedule, steps)))
                .isCloseTo(4.0, within(0.3));
    }

    @Test void matchesHipparchusThreeEighthesStepByStep() {
        // the Gaussian flow in (y, s) is dy/ds = s/(s_d² + s²)(y − μ) whatever the schedule
        double[] mean = {1.5, -0.5};
        double var = 0.3 * 0.3;
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override public int getDimension() { return Runs.X.size(); }

            @Override public double[] computeDerivatives(double s, double[] y) {
                double[] d = new double[y.length];
                for (int i = 0; i < y.length; i++) d[i] = s / (var + s * s) * (y[i] - mean[i % mean.length]);
                return d;
            }
        };
        Grid grid = Grids.uniformLambda(VpLinearSchedule.standard(), 6, 1.0, 0.01);
        ThreeEighthesIntegrator rk38 = new ThreeEighthesIntegrator(1.0);
        double[] y = Runs.X.scale(1 / grid.from(0).alpha()).toArray();
        for (int i = 0; i < grid.steps(); i++) y = rk38.singleStep(ode, grid.from(i).sigmaVe(), y, grid.to(i).sigmaVe());
        Tensor expected = Tensor.of(Runs.X.shape(), y).scale(grid.to(grid.steps() - 1).alpha());

        Tensor x = Runs.sample(PROVIDER, grid, new GaussianData(Math.sqrt(var), mean), Runs.X).samples();
        assertThat(x.maxAbsDistance(expected)).isLessThan(1e-12);
    }

    @Test void oneStepOnALinearProblemIsTheFourthOrderTaylorPolynomial() {
        assertThat(Runs.linearStepError(PROVIDER, 0.3, z -> 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24))
                .isLessThan(1e-13);
    }

    @Test void integratesCubicSlopesExactlyButNotQuarticOnes() {
        // Simpson's 3/8 rule h(q(s) + 3 q(s + h/3) + 3 q(s + 2h/3) + q(s + h))/8 integrates polynomials up to degree 3 exactly
        assertThat(Runs.quadratureError(PROVIDER, 3)).isLessThan(1e-10);
        assertThat(Runs.quadratureError(PROVIDER, 4)).isGreaterThan(1e-3);
    }
}
