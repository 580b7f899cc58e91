package org.diffuse4j.api;

import java.util.function.BooleanSupplier;

/**
 * How a run is observed and controlled: conditioning handed to the denoiser, a step listener, a
 * cancellation flag polled before every step and model call, and whether to record the noise
 * level of every model call.
 */
public record SamplingOptions(Conditioning conditioning, SamplingListener listener, BooleanSupplier cancelled,
                              boolean recordModelCalls) {
    /** Unconditional, silent, never cancelled, not recording. */
    public static final SamplingOptions DEFAULT = new SamplingOptions(Conditioning.NONE, SamplingListener.NONE, () -> false, false);

    public SamplingOptions {
        if (conditioning == null) conditioning = Conditioning.NONE;
        if (listener == null) listener = SamplingListener.NONE;
        if (cancelled == null) cancelled = () -> false;
    }

    public SamplingOptions withConditioning(Conditioning c) { return new SamplingOptions(c, listener, cancelled, recordModelCalls); }

    public SamplingOptions withListener(SamplingListener l) { return new SamplingOptions(conditioning, l, cancelled, recordModelCalls); }

    public SamplingOptions withCancellation(BooleanSupplier c) { return new SamplingOptions(conditioning, listener, c, recordModelCalls); }

    public SamplingOptions recordingModelCalls() { return new SamplingOptions(conditioning, listener, cancelled, true); }
}
