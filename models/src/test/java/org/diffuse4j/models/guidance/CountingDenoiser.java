package org.diffuse4j.models.guidance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/** Records every call (rows and conditioning) before delegating. Test-only; not thread-safe. */
final class CountingDenoiser implements Denoiser {
    record Call(int rows, Conditioning conditioning) {}

    private final Denoiser inner;
    private final List<Call> calls = new ArrayList<>();

    CountingDenoiser(Denoiser inner) { this.inner = inner; }

    List<Call> calls() { return Collections.unmodifiableList(calls); }

    @Override public Prediction target() { return inner.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        calls.add(new Call(x.rows(), conditioning));
        return inner.predict(x, level, conditioning);
    }
}
