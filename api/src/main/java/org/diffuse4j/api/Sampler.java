package org.diffuse4j.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;

/**
 * The one sampling loop every solver runs in. It walks the grid, hands the solver a {@link Model}
 * that converts the denoiser's native target to the one the solver asks for, counts model calls
 * and checks them against the solver's declaration, validates shapes, stops at the first NaN or ∞ in a
 * model prediction or a step's state (naming the step, t and which), emits a {@link StepEvent} per step and honours cancellation.
 */
public final class Sampler {
    private Sampler() {}

    /** Samples from {@code xT} (the VP state at the grid's first level) with default options. */
    public static SamplingResult sample(Solver<?> solver, Denoiser denoiser, Tensor xT, NoiseSource noise) {
        return sample(solver, denoiser, xT, noise, SamplingOptions.DEFAULT);
    }

    /** Samples from {@code xT} (the VP state at the grid's first level). */
    public static SamplingResult sample(Solver<?> solver, Denoiser denoiser, Tensor xT, NoiseSource noise,
                                        SamplingOptions options) {
        if (solver == null) throw new ConfigurationException("solver", "is required");
        if (denoiser == null) throw new ConfigurationException("denoiser", "is required");
        if (xT == null) throw new ConfigurationException("x_T", "is required");
        if (noise == null) throw new ConfigurationException("noise", "is required (use NoiseSource.seeded(seed))");
        int bad = xT.isFinite() ? -1 : xT.firstNonFinite(); // known without a pass for noise from a NoiseSource
        if (bad >= 0) {
            throw new NonFiniteValueException(0, solver.grid().from(0).t(), "x_T (value " + bad + " = " + xT.get(bad) + ")");
        }
        return run(solver, denoiser, xT, noise, options);
    }

    private static <S extends SolverState> SamplingResult run(Solver<S> solver, Denoiser denoiser, Tensor xT,
                                                              NoiseSource noise, SamplingOptions options) {
        int retained = solver.statesRetained();
        ArrayPool pool = retained >= 0 ? ArrayPool.open() : null;
        ArrayPool outer = ArrayPool.install(pool);
        try {
            return loop(solver, denoiser, xT, noise, options, pool, retained);
        } finally {
            ArrayPool.install(outer);
            if (pool != null) pool.close();
        }
    }

    /**
     * The loop itself. With a pool, the x of every state older than the solver's declared retention is recycled:
     * its array goes to the pool for the next tensors the run computes, and the tensor is revoked.
     */
    private static <S extends SolverState> SamplingResult loop(Solver<S> solver, Denoiser denoiser, Tensor xT, NoiseSource noise,
                                                               SamplingOptions options, ArrayPool pool, int retained) {
        Grid grid = solver.grid();
        CountingModel model = new CountingModel(denoiser, xT.shape(), options, pool);
        List<StepEvent> trace = new ArrayList<>(grid.steps());
        S state = solver.start(xT);
        ArrayDeque<Tensor> window = new ArrayDeque<>(); // x of the states the solver may still read, oldest first
        if (pool != null) window.addLast(state.x());
        for (int i = 0; i < grid.steps(); i++) {
            if (options.cancelled().getAsBoolean()) throw new SamplingCancelledException(i);
            model.step = i;
            int before = model.calls;
            state = solver.step(state, model, noise);
            int made = model.calls - before;
            int declared = solver.modelCalls(i);
            if (declared != Solver.ADAPTIVE && made != declared) {
                throw new ContractViolationException("solver " + solver.getClass().getName() + " declared " + declared
                        + " model calls for step " + i + " but made " + made);
            }
            if (state.index() != i + 1) {
                throw new ContractViolationException("solver " + solver.getClass().getName() + " returned state index "
                        + state.index() + " after step " + i + " (expected " + (i + 1) + ")");
            }
            if (!state.x().isFinite()) {
                int bad = state.x().firstNonFinite();
                throw new NonFiniteValueException(i, grid.from(i).t(), "solver state x (value " + bad + " = " + state.x().get(bad) + ")");
            }
            if (pool != null) {
                window.addLast(state.x());
                while (window.size() > retained + 1) {
                    Tensor old = window.pollFirst();
                    old.revokeInto(pool, window); // only tensors this run computed: never x_T
                }
            }
            NoiseLevel from = grid.from(i), to = grid.to(i);
            StepEvent e = new StepEvent(i, grid.steps(), from.t(), to.t(), to.lambda() - from.lambda(), state.orderUsed(), model.calls);
            trace.add(e);
            options.listener().onStep(e);
        }
        Tensor out = solver.result(state);
        if (!Arrays.equals(out.shape(), xT.shape())) {
            throw new ShapeMismatchException("solver result has shape " + Arrays.toString(out.shape()) + ", x_T has "
                    + Arrays.toString(xT.shape()));
        }
        if (pool != null) { // the states the solver could still read die with the run; only the result leaves it
            List<Tensor> kept = List.of(out);
            for (Tensor old : window) old.revokeInto(pool, kept);
        }
        return new SamplingResult(out, model.calls, trace, model.levels);
    }

    /** The model as solvers see it: converting, counting, checking. One per run; not shared. */
    private static final class CountingModel implements Model {
        private final Denoiser denoiser;
        private final int[] shape;
        private final SamplingOptions options;
        private final ArrayPool pool;
        private final List<NoiseLevel> levels = new ArrayList<>();
        private int calls;
        private int step;

        CountingModel(Denoiser denoiser, int[] shape, SamplingOptions options, ArrayPool pool) {
            this.denoiser = denoiser;
            this.shape = shape;
            this.options = options;
            this.pool = pool;
        }

        @Override public Tensor predict(Prediction target, Tensor x, NoiseLevel level) {
            if (options.cancelled().getAsBoolean()) throw new SamplingCancelledException(step);
            if (!Arrays.equals(x.shape(), shape)) {
                throw new ShapeMismatchException("solver passed the model a tensor of shape " + Arrays.toString(x.shape())
                        + " but samples have shape " + Arrays.toString(shape));
            }
            calls++;
            if (options.recordModelCalls()) levels.add(level);
            Tensor native_;
            ArrayPool.install(null); // what the denoiser computes is its own, never recycled
            try {
                native_ = denoiser.predict(x, level, options.conditioning());
            } finally {
                ArrayPool.install(pool);
            }
            if (native_ == null || !Arrays.equals(native_.shape(), shape)) {
                throw new ShapeMismatchException("denoiser " + denoiser.getClass().getName() + " returned shape "
                        + (native_ == null ? "null" : Arrays.toString(native_.shape())) + " for input shape " + Arrays.toString(shape));
            }
            if (!native_.isFinite()) { // checked here too, so no solver can swallow a model's NaN
                int bad = native_.firstNonFinite();
                throw new NonFiniteValueException(step, level.t(), "model prediction (" + denoiser.target().id()
                        + ", value " + bad + " = " + native_.get(bad) + ")");
            }
            return Predictions.convert(denoiser.target(), target, x, native_, level);
        }
    }
}
