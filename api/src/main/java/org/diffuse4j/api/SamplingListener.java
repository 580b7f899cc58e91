package org.diffuse4j.api;

/** Receives a {@link StepEvent} after every step (progress bars, traces). */
@FunctionalInterface
public interface SamplingListener {
    /** Ignores every event. */
    SamplingListener NONE = e -> { };

    void onStep(StepEvent event);
}
