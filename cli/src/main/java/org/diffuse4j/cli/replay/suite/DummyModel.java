package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * diffusers' test {@code dummy_model}: model(x, t) = x·t/(t + 1), elementwise, x·t first. It receives
 * exactly what the test hands the model: t is the timestep value the scheduler handed out (carried by
 * {@link NoiseLevel#modelTime()} of the grid levels) and x the (scaled) sample, derived from the solver's VP
 * state by {@link Input}. Its output is the scheduler's {@code prediction_type} (or, for schedulers that
 * precondition the raw output themselves, what {@link Output} makes of it).
 */
final class DummyModel implements Denoiser {
    /** What the network receives, from the VP state x at a level. */
    @FunctionalInterface
    interface Input {
        Tensor of(Tensor x, NoiseLevel level);

        /** The VP state itself (what VP schedulers hand the model). */
        Input VP = (x, level) -> x;
    }

    /** The native target from the raw output, the VP state and the level. */
    @FunctionalInterface
    interface Output {
        Tensor of(Tensor raw, Tensor x, NoiseLevel level);

        Output RAW = (raw, x, level) -> raw;
    }

    private final Prediction target;
    private final Input input;
    private final Output output;

    DummyModel(Prediction target, Input input, Output output) {
        this.target = target;
        this.input = input;
        this.output = output;
    }

    DummyModel(Prediction target, Input input) { this(target, input, Output.RAW); }

    /** x·t/(t + 1) elementwise. */
    static Tensor apply(Tensor x, double t) {
        double d = t + 1;
        return x.map(v -> v * t / d);
    }

    @Override public Prediction target() { return target; }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        return output.of(apply(input.of(x, level), level.modelTime()), x, level);
    }
}
