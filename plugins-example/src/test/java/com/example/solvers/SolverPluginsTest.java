package com.example.solvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.StepEvent;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What both plugin solvers promise through the public API: discovery, refusals, call counts, determinism. */
class SolverPluginsTest {
    static Stream<SolverProvider> providers() { return Stream.of(new RalstonProvider(), new Kutta38Provider()); }

    @Test void serviceLoaderFindsBothProviders() {
        List<SolverProvider> found = ServiceLoader.load(SolverProvider.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(found).extracting(SolverProvider::name).contains("ralston", "rk38");
        assertThat(found).filteredOn(p -> p.name().equals("ralston")).singleElement().isInstanceOf(RalstonProvider.class);
        assertThat(found).filteredOn(p -> p.name().equals("rk38")).singleElement().isInstanceOf(Kutta38Provider.class);
    }

    @Test void declareOrderCallsAndDeterminism() {
        assertThat(new RalstonProvider().traits()).satisfies(t -> {
            assertThat(t.order()).isEqualTo(2);
            assertThat(t.modelCallsPerStep()).isEqualTo(2);
            assertThat(t.stochastic()).isFalse();
        });
        assertThat(new Kutta38Provider().traits()).satisfies(t -> {
            assertThat(t.order()).isEqualTo(4);
            assertThat(t.modelCallsPerStep()).isEqualTo(4);
            assertThat(t.stochastic()).isFalse();
        });
    }

    @ParameterizedTest @MethodSource("providers")
    void refusesRectifiedFlowNamingTheSchedule(SolverProvider provider) {
        Schedule schedule = RectifiedFlowSchedule.standard();
        SolverConfig config = SolverConfig.of(Grids.uniformTime(schedule, 10), Prediction.VELOCITY);
        assertThatThrownBy(() -> provider.create(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schedule")
                .hasMessageContaining("RECTIFIED_FLOW")
                .hasMessageContaining(provider.name());
    }

    @ParameterizedTest @MethodSource("providers")
    void refusesUnknownOptions(SolverProvider provider) {
        SolverConfig config = SolverConfig.of(Grids.uniformLambda(VpLinearSchedule.standard(), 10, 1.0, 0.01), Prediction.DATA)
                .withOptions(SolverOptions.of(Map.of("solver_order", "3")));
        assertThatThrownBy(() -> provider.create(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("solver_order")
                .hasMessageContaining("accepted: none");
    }

    @ParameterizedTest @MethodSource("supportedSchedules")
    void acceptsEverySupportedScheduleFamily(SolverProvider provider, Schedule schedule) {
        assertThat(provider.traits().schedules()).contains(schedule.family());
        Solver<?> solver = provider.create(SolverConfig.of(Grids.uniformLambda(schedule, 5, 1.0, 0.01), Prediction.EPSILON));
        assertThat(solver.grid().steps()).isEqualTo(5);
    }

    static Stream<Arguments> supportedSchedules() {
        return providers().flatMap(p -> Schedules.supported().map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest @MethodSource("providers")
    void makesTheDeclaredCallsAtFullOrderOnAGridEndingAtNoise(SolverProvider provider) {
        int n = 10, stages = provider.traits().modelCallsPerStep();
        Grid grid = Grids.uniformLambda(VpLinearSchedule.standard(), n, 1.0, 0.01);
        Solver<?> solver = provider.create(SolverConfig.of(grid, Prediction.DATA));
        SamplingResult r = Sampler.sample(solver, Convergence.DATA, Runs.X, NoiseSource.seeded(1));
        assertThat(r.modelCalls()).isEqualTo(stages * n).isEqualTo(solver.totalModelCalls());
        assertThat(r.trace()).extracting(StepEvent::order).containsOnly(provider.traits().order());
    }

    @ParameterizedTest @MethodSource("providers")
    void endsWithOneEulerCallOntoCleanData(SolverProvider provider) {
        int n = 10, stages = provider.traits().modelCallsPerStep();
        Grid grid = Grids.karras(VpLinearSchedule.standard(), n, 0.01, 50, 7);
        assertThat(grid.endsAtData()).isTrue();
        Solver<?> solver = provider.create(SolverConfig.of(grid, Prediction.DATA));
        SamplingResult r = Sampler.sample(solver, Convergence.DATA, Runs.X, NoiseSource.seeded(1));
        assertThat(r.modelCalls()).isEqualTo(stages * n - (stages - 1)).isEqualTo(solver.totalModelCalls());
        assertThat(solver.modelCalls(n - 1)).isEqualTo(1);
        assertThat(r.trace().get(n - 1).order()).isEqualTo(1);
        assertThat(r.trace().subList(0, n - 1)).extracting(StepEvent::order).containsOnly(provider.traits().order());

        // the Euler step onto s' = 0 lands on the denoised estimate at the last noisy level
        Grid noisyPart = Grid.of(grid.schedule(), grid.levels().subList(0, n));
        Tensor beforeLast = Runs.sample(provider, noisyPart, Convergence.DATA, Runs.X).samples();
        Tensor x0 = Convergence.DATA.predict(beforeLast, grid.from(n - 1), Conditioning.NONE);
        assertThat(r.samples().maxAbsDistance(x0.scale(grid.to(n - 1).alpha()))).isEqualTo(0.0);
    }

    @ParameterizedTest @MethodSource("providers")
    void isDeterministicAndDrawsNoNoise(SolverProvider provider) {
        Solver<?> solver = provider.create(SolverConfig.of(Grids.uniformLambda(VpLinearSchedule.standard(), 8, 1.0, 0.01),
                Prediction.DATA));
        NoiseSource one = NoiseSource.seeded(1), two = NoiseSource.seeded(2);
        Tensor a = Sampler.sample(solver, Convergence.DATA, Runs.X, one).samples();
        Tensor b = Sampler.sample(solver, Convergence.DATA, Runs.X, two).samples();
        assertThat(a).isEqualTo(b);
        assertThat(one.draws()).isZero();
        assertThat(two.draws()).isZero();
    }
}
