package org.diffuse4j.api;

import java.util.List;

/**
 * The outcome of a run: the samples, the model calls made, the per-step trace, and (when recorded)
 * the noise level of every model call in order.
 */
public record SamplingResult(Tensor samples, int modelCalls, List<StepEvent> trace, List<NoiseLevel> modelCallLevels) {
    public SamplingResult {
        trace = List.copyOf(trace);
        modelCallLevels = List.copyOf(modelCallLevels);
    }
}
