package org.diffuse4j.api;

/** The state of a solver that keeps no history: the sample, the next step index and the order just used. */
public record SimpleState(Tensor x, int index, int orderUsed) implements SolverState {
    /** The state before the first step. */
    public static SimpleState start(Tensor x) { return new SimpleState(x, 0, 0); }

    /** The state after this one's step, landing at {@code next}. */
    public SimpleState next(Tensor next, int order) { return new SimpleState(next, index + 1, order); }
}
