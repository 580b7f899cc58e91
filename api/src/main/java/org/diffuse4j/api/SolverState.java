package org.diffuse4j.api;

/** The state of a run after some steps: the current x, the index of the next step, the order just used. */
public interface SolverState {
    /** The current sample (VP state x_t). */
    Tensor x();

    /** Index of the next step (0 before the first). */
    int index();

    /** The order the step that produced this state used (0 before the first step). */
    int orderUsed();
}
