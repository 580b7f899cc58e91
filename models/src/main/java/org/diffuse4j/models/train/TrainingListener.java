package org.diffuse4j.models.train;

/** Observes training, one call per optimiser step. */
@FunctionalInterface
public interface TrainingListener {
    /** Does nothing. */
    TrainingListener NONE = (step, steps, loss) -> { };

    /** Called after step {@code step} (1-based) of {@code steps} with that step's loss. */
    void onStep(int step, int steps, double loss);
}
