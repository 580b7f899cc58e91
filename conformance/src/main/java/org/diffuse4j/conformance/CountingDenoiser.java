package org.diffuse4j.conformance;

import java.util.concurrent.atomic.AtomicInteger;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/** Counts the calls that reach a denoiser. */
final class CountingDenoiser implements Denoiser {
    private final Denoiser inner;
    private final AtomicInteger calls = new AtomicInteger();

    CountingDenoiser(Denoiser inner) { this.inner = inner; }

    int calls() { return calls.get(); }

    @Override public Prediction target() { return inner.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        calls.incrementAndGet();
        return inner.predict(x, level, conditioning);
    }
}
