package org.diffuse4j.api;

/**
 * A sampler bound to one grid. Instances are immutable and thread-safe: whatever changes during a
 * run lives in the state value {@code S}, so one solver may serve many runs and threads at once.
 * The sampling loop ({@link Sampler}) calls {@link #start(Tensor)} once and {@link #step} once per
 * grid step.
 *
 * @param <S> the run state
 */
@ExtensionPoint
public interface Solver<S extends SolverState> {
    /** The grid this solver walks. */
    Grid grid();

    /** The state before the first step, from the sample at the grid's first level. */
    S start(Tensor x);

    /** Advances one grid step. Deterministic solvers never touch {@code noise}. */
    S step(S state, Model model, NoiseSource noise);

    /** What {@link #modelCalls(int)} returns for a step whose calls an adaptive solver decides at run time. */
    int ADAPTIVE = -1;

    /**
     * Model calls step i will make; declared before running and checked by the loop. Adaptive solvers
     * (step-size control) return {@link #ADAPTIVE} for steps whose calls depend on the run.
     */
    int modelCalls(int step);

    /** Model calls of the whole grid, or {@link #ADAPTIVE} when some step's calls are decided at run time. */
    default int totalModelCalls() {
        int n = 0;
        for (int i = 0; i < grid().steps(); i++) {
            int c = modelCalls(i);
            if (c == ADAPTIVE) return ADAPTIVE;
            n += c;
        }
        return n;
    }

    /** What {@link #statesRetained()} returns when a solver does not say: the loop then recycles no memory. */
    int RETENTION_UNKNOWN = -1;

    /**
     * For how many steps after a state was replaced this solver may still read it: its x, or a model output
     * computed at it (which can be the same tensor, for a denoiser that returns its input). 0 for a one-step
     * method, the history length for a multistep method that keeps model outputs or samples of that many
     * earlier steps. The sampling loop recycles the memory of older states it computed (never x_T, never a
     * denoiser's own tensors) and revokes them, so that a read beyond the declaration fails with a
     * {@link ContractViolationException} instead of returning wrong numbers. The default,
     * {@link #RETENTION_UNKNOWN}, recycles nothing.
     */
    default int statesRetained() { return RETENTION_UNKNOWN; }

    /** The final sample from the last state (the state's x unless a solver ends with an extra transform). */
    default Tensor result(S state) { return state.x(); }
}
