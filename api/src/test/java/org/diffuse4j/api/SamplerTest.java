package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final Schedule SCHEDULE = VpLinearSchedule.standard();
    private static final Grid GRID = Grids.uniformTime(SCHEDULE, 5, 1.0, 0.05);
    private static final Tensor X_T = Tensor.of(new double[][] {{0.3, -1.2, 0.7}, {1.1, 0.4, -0.5}});

    /**
     * A test solver: each step makes {@code calls} model calls asking for {@code target}, then applies DDIM,
     * x' = α' x̂₀ + σ' (x − α x̂₀)/σ, with the last prediction read as x̂₀; it reports order 1 + i mod 2.
     */
    private static final class ScriptedSolver implements Solver<SimpleState> {
        private final Grid grid;
        private final int calls;
        private final int declared;
        private final Prediction target;

        ScriptedSolver(Grid grid, int calls, int declared, Prediction target) {
            this.grid = grid;
            this.calls = calls;
            this.declared = declared;
            this.target = target;
        }

        ScriptedSolver(int calls, int declared) { this(GRID, calls, declared, Prediction.DATA); }

        @Override public Grid grid() { return grid; }

        @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

        @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
            int i = s.index();
            NoiseLevel from = grid.from(i), to = grid.to(i);
            Tensor p = s.x();
            for (int c = 0; c < calls; c++) p = model.predict(target, s.x(), from);
            Tensor eps = Tensor.combine(1 / from.sigma(), s.x(), -from.alpha() / from.sigma(), p);
            return s.next(Tensor.combine(to.alpha(), p, to.sigma(), eps), 1 + i % 2);
        }

        @Override public int modelCalls(int step) { return declared; }
    }

    /** A denoiser with a native target and a prediction function of (x, level). */
    private static Denoiser denoiser(Prediction target, BiFunction<Tensor, NoiseLevel, Tensor> f) {
        return new Denoiser() {
            @Override public Prediction target() { return target; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) { return f.apply(x, level); }
        };
    }

    private static final Tensor POINT = Tensor.of(new double[][] {{1, 2, 3}, {-1, 0, 0.5}});
    private static final Denoiser POINT_DENOISER = denoiser(Prediction.DATA, (x, l) -> POINT);

    @Test
    void runsEveryStepAndTracesIt() {
        List<StepEvent> heard = new ArrayList<>();
        SamplingResult r = Sampler.sample(new ScriptedSolver(1, 1), POINT_DENOISER, X_T, NoiseSource.seeded(1),
                SamplingOptions.DEFAULT.withListener(heard::add));
        assertThat(r.modelCalls()).isEqualTo(5);
        assertThat(r.trace()).hasSize(5).isEqualTo(heard);
        for (int i = 0; i < 5; i++) {
            StepEvent e = r.trace().get(i);
            assertThat(e.index()).isEqualTo(i);
            assertThat(e.steps()).isEqualTo(5);
            assertThat(e.t()).isEqualTo(GRID.from(i).t());
            assertThat(e.tNext()).isEqualTo(GRID.to(i).t());
            assertThat(e.h()).isCloseTo(SCHEDULE.lambda(GRID.to(i).t()) - SCHEDULE.lambda(GRID.from(i).t()), within(1e-12));
            assertThat(e.order()).isEqualTo(1 + i % 2);
            assertThat(e.modelCalls()).isEqualTo(i + 1);
        }
        assertThat(r.modelCallLevels()).isEmpty();
        // DDIM with a point denoiser: x = α x0 + σ ε keeps ε = (x_T − α_T x0)/σ_T, so x = α_end x0 + σ_end ε_T
        NoiseLevel first = GRID.level(0), last = GRID.level(5);
        Tensor eps = Tensor.combine(1 / first.sigma(), X_T, -first.alpha() / first.sigma(), POINT);
        assertThat(r.samples().maxAbsDistance(Tensor.combine(last.alpha(), POINT, last.sigma(), eps))).isLessThan(1e-12);
    }

    @Test
    void recordsTheLevelOfEveryModelCall() {
        SamplingResult r = Sampler.sample(new ScriptedSolver(2, 2), POINT_DENOISER, X_T, NoiseSource.seeded(1),
                SamplingOptions.DEFAULT.recordingModelCalls());
        assertThat(r.modelCalls()).isEqualTo(10);
        assertThat(r.modelCallLevels()).hasSize(10);
        for (int k = 0; k < 10; k++) assertThat(r.modelCallLevels().get(k)).isEqualTo(GRID.from(k / 2));
    }

    @Test
    void moreCallsThanDeclaredIsAContractViolation() {
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(2, 1), POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("declared 1").hasMessageContaining("made 2").hasMessageContaining("step 0");
    }

    @Test
    void fewerCallsThanDeclaredIsAContractViolation() {
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 2), POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("declared 2").hasMessageContaining("made 1");
    }

    @Test
    void aStateThatDoesNotAdvanceByOneIsAContractViolation() {
        Solver<SimpleState> stuck = new Solver<>() {
            @Override public Grid grid() { return GRID; }

            @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

            @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                return new SimpleState(model.data(s.x(), GRID.from(s.index())), s.index(), 1);
            }

            @Override public int modelCalls(int step) { return 1; }
        };
        assertThatThrownBy(() -> Sampler.sample(stuck, POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ContractViolationException.class).hasMessageContaining("index 0");
    }

    @Test
    void aNaNPredictionStopsSamplingNamingTheStepAndTime() {
        double badT = GRID.from(2).t();
        Denoiser nanAtStep2 = denoiser(Prediction.DATA, (x, l) -> l.t() == badT ? Tensor.full(Double.NaN, 2, 3) : POINT);
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 1), nanAtStep2, X_T, NoiseSource.seeded(1)))
                .isInstanceOfSatisfying(NonFiniteValueException.class, e -> {
                    assertThat(e.step()).isEqualTo(2);
                    assertThat(e.t()).isEqualTo(badT);
                })
                .hasMessageContaining("step 2").hasMessageContaining("t = " + badT).hasMessageContaining("prediction");
    }

    @Test
    void aNonFiniteSolverStateIsReported() {
        Solver<SimpleState> overflowing = new Solver<>() {
            @Override public Grid grid() { return GRID; }

            @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

            @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                Tensor x0 = model.data(s.x(), GRID.from(s.index()));
                return s.next(s.index() == 1 ? x0.scale(Double.POSITIVE_INFINITY) : x0, 1);
            }

            @Override public int modelCalls(int step) { return 1; }
        };
        assertThatThrownBy(() -> Sampler.sample(overflowing, POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOfSatisfying(NonFiniteValueException.class, e -> assertThat(e.step()).isEqualTo(1))
                .hasMessageContaining("step 1").hasMessageContaining("state");
    }

    @Test
    void aNaNInTheStartingSampleIsRejectedBeforeAnyModelCall() {
        AtomicInteger calls = new AtomicInteger();
        Denoiser counting = denoiser(Prediction.DATA, (x, l) -> {
            calls.incrementAndGet();
            return POINT;
        });
        Tensor bad = Tensor.of(new double[][] {{0, 0, 0}, {0, Double.NaN, 0}});
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 1), counting, bad, NoiseSource.seeded(1)))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("x_T").hasMessageContaining("step 0");
        assertThat(calls).hasValue(0);
    }

    @Test
    void aPredictionOfTheWrongShapeIsRejected() {
        Denoiser wrong = denoiser(Prediction.DATA, (x, l) -> Tensor.zeros(2, 4));
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 1), wrong, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 4]").hasMessageContaining("[2, 3]");
        Denoiser nothing = denoiser(Prediction.DATA, (x, l) -> null);
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 1), nothing, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("null");
    }

    @Test
    void aModelInputOfTheWrongShapeIsRejected() {
        Solver<SimpleState> sloppy = new Solver<>() {
            @Override public Grid grid() { return GRID; }

            @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

            @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                return s.next(model.data(s.x().row(0), GRID.from(0)), 1);
            }

            @Override public int modelCalls(int step) { return 1; }
        };
        assertThatThrownBy(() -> Sampler.sample(sloppy, POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[1, 3]").hasMessageContaining("[2, 3]");
    }

    @Test
    void cancellationStopsAtTheNextStep() {
        AtomicInteger stepsDone = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Denoiser counting = denoiser(Prediction.DATA, (x, l) -> {
            calls.incrementAndGet();
            return POINT;
        });
        SamplingOptions options = SamplingOptions.DEFAULT
                .withListener(e -> stepsDone.incrementAndGet())
                .withCancellation(() -> stepsDone.get() >= 2);
        assertThatThrownBy(() -> Sampler.sample(new ScriptedSolver(1, 1), counting, X_T, NoiseSource.seeded(1), options))
                .isInstanceOf(SamplingCancelledException.class).hasMessageContaining("step 2");
        assertThat(calls).hasValue(2);
    }

    @Test
    void theSolverGetsTheTargetItAsksForAndTheDenoiserTheConditioning() {
        Grid oneStep = Grids.uniformTime(SCHEDULE, 1, 0.5, 0.25);
        NoiseLevel level = oneStep.from(0);
        Tensor eps = Tensor.of(new double[][] {{0.5, -0.25, 1}, {2, 0, -1}});
        List<Conditioning> seen = new ArrayList<>();
        Denoiser epsilonModel = new Denoiser() {
            @Override public Prediction target() { return Prediction.EPSILON; }

            @Override public Tensor predict(Tensor x, NoiseLevel l, Conditioning c) {
                seen.add(c);
                return eps;
            }
        };
        // the scripted solver's DDIM step with x̂₀ = (x − σ ε)/α lands on α' x̂₀ + σ' ε
        Tensor x0 = Tensor.combine(1 / level.alpha(), X_T, -level.sigma() / level.alpha(), eps);
        NoiseLevel to = oneStep.to(0);
        Tensor expected = Tensor.combine(to.alpha(), x0, to.sigma(), eps);
        Conditioning c = Conditioning.classes(3, 5);
        SamplingResult r = Sampler.sample(new ScriptedSolver(oneStep, 1, 1, Prediction.DATA), epsilonModel, X_T,
                NoiseSource.seeded(1), SamplingOptions.DEFAULT.withConditioning(c));
        assertThat(r.samples().maxAbsDistance(expected)).isLessThan(1e-12);
        assertThat(seen).containsExactly(c);
    }

    @Test
    void theResultMustKeepTheShapeOfTheStartingSample() {
        Solver<SimpleState> shrinking = new Solver<>() {
            @Override public Grid grid() { return GRID; }

            @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

            @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                return s.next(model.data(s.x(), GRID.from(s.index())), 1);
            }

            @Override public int modelCalls(int step) { return 1; }

            @Override public Tensor result(SimpleState state) { return state.x().row(0); }
        };
        assertThatThrownBy(() -> Sampler.sample(shrinking, POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[1, 3]").hasMessageContaining("[2, 3]");
    }

    @Test
    void missingArgumentsAreConfigurationErrors() {
        ScriptedSolver solver = new ScriptedSolver(1, 1);
        assertThatThrownBy(() -> Sampler.sample(null, POINT_DENOISER, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("solver");
        assertThatThrownBy(() -> Sampler.sample(solver, null, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("denoiser");
        assertThatThrownBy(() -> Sampler.sample(solver, POINT_DENOISER, null, NoiseSource.seeded(1)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("x_T");
        assertThatThrownBy(() -> Sampler.sample(solver, POINT_DENOISER, X_T, null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("noise");
    }
}
