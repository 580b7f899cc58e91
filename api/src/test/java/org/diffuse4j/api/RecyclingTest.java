package org.diffuse4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

/**
 * The loop's recycling of dead states ({@link Solver#statesRetained()}): it never changes a number, never touches
 * x_T, the result or a denoiser's own tensors, and a read past a solver's declaration fails loudly.
 */
class RecyclingTest {
    private static final Grid GRID = Grids.uniformTime(VpLinearSchedule.standard(), 12, 1.0, 0.05);
    private static final Tensor X_T = NoiseSource.seeded(4).gaussian(3, 64);

    /** Two-step Adams in x̂₀ (the reference's own arithmetic is irrelevant): reads the state {@code lag} steps back. */
    private static final class LaggedSolver implements Solver<LaggedSolver.State> {
        record State(Tensor x, int index, int orderUsed, List<Tensor> past) implements SolverState {}

        private final int lag;
        private final int declared;

        LaggedSolver(int lag, int declared) {
            this.lag = lag;
            this.declared = declared;
        }

        @Override public Grid grid() { return GRID; }

        @Override public State start(Tensor x) { return new State(x, 0, 1, List.of(x)); }

        @Override public State step(State s, Model model, NoiseSource noise) {
            int i = s.index();
            NoiseLevel from = GRID.from(i), to = GRID.to(i);
            Tensor x0 = model.data(s.x(), from);
            Tensor eps = Tensor.combine(1 / from.sigma(), s.x(), -from.alpha() / from.sigma(), x0);
            Tensor old = s.past().get(Math.max(0, s.past().size() - 1 - lag)); // the state `lag` steps back
            Tensor next = Tensor.combine(to.alpha(), x0, to.sigma(), eps, 1e-3, old);
            List<Tensor> past = new ArrayList<>(s.past());
            past.add(next);
            return new State(next, i + 1, 1, past);
        }

        @Override public int modelCalls(int step) { return 1; }

        @Override public int statesRetained() { return declared; }
    }

    private static final Denoiser SHRINK = new Denoiser() {
        @Override public Prediction target() { return Prediction.DATA; }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return x.scale(0.5); }
    };

    private static final Denoiser IDENTITY = new Denoiser() {
        @Override public Prediction target() { return Prediction.DATA; }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return x; }
    };

    /** x̂₀ = x/2, keeping every input it is handed (which the Denoiser contract forbids). */
    private static Denoiser recorder(List<Tensor> seen) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                seen.add(x);
                return x.scale(0.5);
            }
        };
    }

    @Test
    void recyclingNeverChangesANumber() {
        for (Denoiser d : List.of(SHRINK, IDENTITY)) {
            for (int lag = 0; lag <= 3; lag++) {
                Tensor plain = Sampler.sample(new LaggedSolver(lag, Solver.RETENTION_UNKNOWN), d, X_T, NoiseSource.seeded(1)).samples();
                Tensor recycled = Sampler.sample(new LaggedSolver(lag, lag), d, X_T, NoiseSource.seeded(1)).samples();
                assertThat(recycled).isEqualTo(plain);
                assertThat(X_T).isEqualTo(NoiseSource.seeded(4).gaussian(3, 64)); // x_T untouched and readable
            }
        }
    }

    @Test
    void aReadPastTheDeclarationFailsLoudly() {
        assertThatThrownBy(() -> Sampler.sample(new LaggedSolver(2, 1), SHRINK, X_T, NoiseSource.seeded(1)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("recycled").hasMessageContaining("statesRetained");
    }

    @Test
    void aDenoiserKeepingItsInputsIsToldToCopyThem() {
        List<Tensor> seen = new ArrayList<>();
        Denoiser recorder = recorder(seen);
        Tensor out = Sampler.sample(new LaggedSolver(0, 0), recorder, X_T, NoiseSource.seeded(1)).samples();
        assertThat(seen.get(0)).isEqualTo(X_T); // x_T is never recycled
        assertThatThrownBy(() -> seen.get(1).sum()).isInstanceOf(ContractViolationException.class).hasMessageContaining("copy it");
        assertThat(out.sum()).isFinite(); // nor the result
    }

    @Test
    void statesStillRetainedAtTheEndDieWithTheRunButTheResultDoesNot() {
        List<Tensor> seen = new ArrayList<>();
        Denoiser recorder = recorder(seen);
        Tensor out = Sampler.sample(new LaggedSolver(2, 2), recorder, X_T, NoiseSource.seeded(1)).samples();
        Tensor plain = Sampler.sample(new LaggedSolver(2, Solver.RETENTION_UNKNOWN), SHRINK, X_T, NoiseSource.seeded(1)).samples();
        assertThat(out).isEqualTo(plain);
        assertThat(seen).hasSize(GRID.steps());
        assertThat(seen.get(0)).isEqualTo(X_T);
        for (int i = 1; i < seen.size(); i++) { // the last two were still retained when the loop ended
            Tensor input = seen.get(i);
            assertThatThrownBy(input::sum).as("input of step " + i).isInstanceOf(ContractViolationException.class);
        }
    }

    @Test
    void aDenoisersOwnTensorsAreNeverRecycled() {
        Tensor constant = Tensor.full(0.25, 3, 64);
        Denoiser fixed = new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) { return constant; }
        };
        /** A solver whose state is the model output itself (as a consistency sampler's jump to x̂₀ can be). */
        Solver<SimpleState> jump = new Solver<>() {
            @Override public Grid grid() { return GRID; }

            @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

            @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                return s.next(model.data(s.x(), GRID.from(s.index())), 1);
            }

            @Override public int modelCalls(int step) { return 1; }

            @Override public int statesRetained() { return 0; }
        };
        Tensor out = Sampler.sample(jump, fixed, X_T, NoiseSource.seeded(1)).samples();
        assertThat(out).isEqualTo(Tensor.full(0.25, 3, 64));
        assertThat(constant.sum()).isEqualTo(0.25 * 3 * 64);
    }

    @Test
    void releaseOutsideARunDoesNothing() {
        Tensor t = Tensor.full(2, 4);
        t.release();
        assertThat(t.sum()).isEqualTo(8);
    }
}
