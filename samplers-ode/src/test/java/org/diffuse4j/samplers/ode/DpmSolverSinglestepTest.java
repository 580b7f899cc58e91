package org.diffuse4j.samplers.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.diffuse4j.samplers.ode.DpmSolverTest.cleanGrid;
import static org.diffuse4j.samplers.ode.DpmSolverTest.lambdaGrid;
import static org.diffuse4j.samplers.ode.DpmSolverTest.orders;
import static org.diffuse4j.samplers.ode.DpmSolverTest.run;
import static org.diffuse4j.samplers.ode.DpmSolverTest.withJump;

import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;
import org.junit.jupiter.api.Test;

/** The singlestep DPM-Solvers: the grouping of model calls into updates, the orders reported, NFE, convergence. */
class DpmSolverSinglestepTest {
    private static SolverOptions options(int order, OrderSchedule schedule) {
        return SolverOptions.NONE.with("solver_order", Integer.toString(order)).with(DpmOptions.ORDER_SCHEDULE, schedule);
    }

    @Test
    void fastScheduleSpendsEveryCallAsTheOfficialCodeDoes() {
        // get_orders_and_timesteps_for_singlestep_solver: order 3, K = ⌊n/3⌋ + 1 updates
        assertThat(OrderSchedule.FAST.groupOrders(10, 3)).containsExactly(3, 3, 3, 1);
        assertThat(OrderSchedule.FAST.groupOrders(9, 3)).containsExactly(3, 3, 2, 1);
        assertThat(OrderSchedule.FAST.groupOrders(11, 3)).containsExactly(3, 3, 3, 2);
        assertThat(OrderSchedule.FAST.groupOrders(3, 3)).containsExactly(2, 1);
        assertThat(OrderSchedule.FAST.groupOrders(1, 3)).containsExactly(1);
        assertThat(OrderSchedule.FAST.groupOrders(10, 2)).containsExactly(2, 2, 2, 2, 2);
        assertThat(OrderSchedule.FAST.groupOrders(11, 2)).containsExactly(2, 2, 2, 2, 2, 1);
        assertThat(OrderSchedule.FAST.groupOrders(4, 1)).containsExactly(1, 1, 1, 1);
        for (int n = 1; n <= 40; n++) {
            for (int p = 1; p <= 3; p++) {
                for (OrderSchedule s : OrderSchedule.values()) {
                    assertThat(java.util.Arrays.stream(s.groupOrders(n, p)).sum()).as("%s n=%d p=%d", s, n, p).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void diffusersGroupingsDifferFromFastOnlyWhereTheirOrderListsDo() {
        // get_order_list(lower_order_final=True): order 2 with an even count ends [1, 2]…[1, 1]
        assertThat(OrderSchedule.LOWER_ORDER_FINAL.groupOrders(10, 2)).containsExactly(2, 2, 2, 2, 1, 1);
        assertThat(OrderSchedule.LOWER_ORDER_FINAL.groupOrders(9, 2)).containsExactly(2, 2, 2, 2, 1);
        for (int n = 1; n <= 30; n++) {
            assertThat(OrderSchedule.LOWER_ORDER_FINAL.groupOrders(n, 3)).isEqualTo(OrderSchedule.FAST.groupOrders(n, 3));
        }
        // lower_order_final=False: [1, 2, 3]·(n/3); when 3 ∤ n diffusers switches to lower_order_final, i.e. a last shorter group
        assertThat(OrderSchedule.FIXED.groupOrders(9, 3)).containsExactly(3, 3, 3);
        assertThat(OrderSchedule.FIXED.groupOrders(10, 3)).containsExactly(3, 3, 3, 1);
        assertThat(OrderSchedule.FIXED.groupOrders(11, 3)).isEqualTo(OrderSchedule.LOWER_ORDER_FINAL.groupOrders(11, 3));
    }

    @Test
    void traceReportsTheSubStepOrdersOfEachGroup() {
        DpmSolverSinglestepProvider p = new DpmSolverSinglestepProvider();
        SamplingResult r = run(p, lambdaGrid(10), options(3, OrderSchedule.FAST));
        assertThat(orders(r)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1);
        assertThat(r.modelCalls()).isEqualTo(10);
        // a group landing on σ = 0 ends one step early: [3, 3, 3, 2] becomes [3, 3, 3, 1, 1]
        assertThat(orders(run(p, cleanGrid(11), options(3, OrderSchedule.FAST)))).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 1);
        // denoise_to_zero: the groups cover the steps before the final jump
        assertThat(orders(run(p, withJump(lambdaGrid(10)), options(3, OrderSchedule.FAST).with("denoise_to_zero", "true"))))
                .containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 1);
        DpmSinglestep solver = (DpmSinglestep) p.create(SolverConfig.of(lambdaGrid(10), Prediction.EPSILON).withOptions(options(3, OrderSchedule.FAST)));
        assertThat(solver.groupOrders()).containsExactly(3, 3, 3, 1);
        assertThat(solver.totalModelCalls()).isEqualTo(10);
    }

    @Test
    void orderOneIsDdimInBothForms() {
        Grid g = lambdaGrid(12);
        Tensor ddim = run(new DdimProvider(), g, SolverOptions.NONE).samples();
        for (SolverProvider p : List.of(new DpmSolverSinglestepProvider(), new DpmSolverPlusPlus2SProvider())) {
            assertThat(run(p, g, options(1, OrderSchedule.FAST)).samples().maxAbsDistance(ddim)).as(p.name()).isLessThan(1e-12);
        }
    }

    /** With fixed groups of three (n = 3·2^k) both forms converge at order 3, in the paper's and the Taylor forms. */
    @Test
    void thirdOrderGroupsConvergeAtOrderThree() {
        for (SolverProvider p : List.of(new DpmSolverSinglestepProvider(), new DpmSolverPlusPlus2SProvider())) {
            for (String type : List.of("midpoint", "heun")) {
                SolverOptions o = options(3, OrderSchedule.FIXED).with("solver_type", type);
                double e1 = error(p, 96, o), e2 = error(p, 192, o), e3 = error(p, 384, o);
                assertThat(Math.log(e1 / e3) / Math.log(4)).as("%s %s", p.name(), type).isCloseTo(3.0, within(0.3));
                assertThat(e2).isLessThan(e1);
            }
        }
    }

    @Test
    void secondOrderGroupsConvergeAtOrderTwo() {
        for (SolverProvider p : List.of(new DpmSolverSinglestepProvider(), new DpmSolverPlusPlus2SProvider())) {
            double e1 = error(p, 40, SolverOptions.NONE), e2 = error(p, 160, SolverOptions.NONE);
            assertThat(Math.log(e1 / e2) / Math.log(4)).as(p.name()).isCloseTo(2.0, within(0.25));
        }
    }

    private static double error(SolverProvider p, int steps, SolverOptions options) {
        Grid grid = lambdaGrid(steps);
        Tensor xT = DpmSolverTest.DATA.sample(grid.level(0), 3, 42);
        Tensor out = Sampler.sample(p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(options)),
                DpmSolverTest.DATA.denoiser(Prediction.EPSILON), xT, DdimTest.forbidden()).samples();
        return out.maxAbsDistance(DpmSolverTest.DATA.flow(xT, grid.level(0), grid.level(steps)));
    }

    @Test
    void paperAndDiffusersIntermediatesDifferOnlyInsideThirdOrderGroups() {
        DpmSolverPlusPlus2SProvider p = new DpmSolverPlusPlus2SProvider();
        SolverOptions paper = options(3, OrderSchedule.FIXED);
        SolverOptions diffusers = paper.with("third_order_intermediate", "midpoint");
        assertThat(run(p, lambdaGrid(9), paper).samples().maxAbsDistance(run(p, lambdaGrid(9), diffusers).samples())).isGreaterThan(1e-8);
        SolverOptions second = options(2, OrderSchedule.FIXED);
        assertThat(run(p, lambdaGrid(10), second).samples()).isEqualTo(run(p, lambdaGrid(10), second.with("third_order_intermediate", "midpoint")).samples());
    }

    private static Tensor sample(SolverProvider p, Grid grid, SolverOptions o, Tensor x) {
        return Sampler.sample(p.create(SolverConfig.of(grid, Prediction.EPSILON).withOptions(o)),
                DpmSolverTest.DATA.denoiser(Prediction.EPSILON), x, DdimTest.forbidden()).samples();
    }

    private static Grid part(Grid g, int from, int to) { return Grid.of(g.schedule(), g.levels().subList(from, to + 1)); }

    @Test
    void startStepCutsTheWholeGridsGroupsAsDiffusersDoes() {
        Grid g = lambdaGrid(10);
        SolverOptions fixed2 = options(2, OrderSchedule.FIXED);
        for (SolverProvider p : List.of(new DpmSolverSinglestepProvider(), new DpmSolverPlusPlus2SProvider())) {
            // the whole grid's groups [2, 2, 2, 2, 2]; from step 5 the group over steps 4, 5 is cut to its last step
            DpmSinglestep cut = (DpmSinglestep) p.create(SolverConfig.of(g, Prediction.EPSILON).withOptions(fixed2.with("start_step", "5")));
            assertThat(cut.groupOrders()).as(p.name()).containsExactly(1, 2, 2);
            assertThat(cut.grid().steps()).isEqualTo(5);
            assertThat(cut.grid().from(0)).isEqualTo(g.level(5));
            // the same as a first-order step over levels 5 → 6 followed by groups of two over 6 → 10
            Tensor x = DpmSolverTest.DATA.sample(g.level(5), 3, 42);
            Tensor composed = sample(p, part(g, 6, 10), fixed2, sample(p, part(g, 5, 6), options(1, OrderSchedule.FIXED), x));
            assertThat(sample(p, g, fixed2.with("start_step", "5"), x).maxAbsDistance(composed)).as(p.name()).isLessThan(1e-13);
            // a start at a group boundary leaves the groups whole: the rest of the grid as is
            Tensor y = DpmSolverTest.DATA.sample(g.level(4), 3, 42);
            assertThat(sample(p, g, fixed2.with("start_step", "4"), y)).isEqualTo(sample(p, part(g, 4, 10), fixed2, y));
        }
    }

    @Test
    void aThirdOrderGroupCutToTwoStepsUsesTheSecondOrderForm() {
        // [3, 3, 3] on 9 steps from step 4: orders 1, 2 (the rest of the group over steps 3 … 5), then 1, 2, 3
        DpmSolverPlusPlus2SProvider p = new DpmSolverPlusPlus2SProvider();
        Grid g = lambdaGrid(9);
        SolverOptions o = options(3, OrderSchedule.FIXED).with("solver_type", "heun").with("third_order_intermediate", "midpoint");
        SamplingResult r = run(p, g, o.with("start_step", "4"));
        assertThat(orders(r)).containsExactly(1, 2, 1, 2, 3);
        Tensor x = DpmSolverTest.DATA.sample(g.level(4), 3, 42);
        Tensor composed = sample(p, part(g, 6, 9), o, sample(p, part(g, 4, 6), o.with("solver_order", "2"), x));
        assertThat(sample(p, g, o.with("start_step", "4"), x).maxAbsDistance(composed)).isLessThan(1e-13);
    }

    @Test
    void startStepMustLieOnTheGrid() {
        for (String bad : List.of("10", "-1", "two")) {
            assertThatThrownBy(() -> new DpmSolverSinglestepProvider().create(SolverConfig.of(lambdaGrid(10), Prediction.EPSILON)
                    .withOptions(SolverOptions.NONE.with("start_step", bad)))).as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("start_step");
        }
    }
}
