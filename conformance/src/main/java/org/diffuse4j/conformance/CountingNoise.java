package org.diffuse4j.conformance;

import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;

/** Counts the draws a solver makes. */
final class CountingNoise implements NoiseSource {
    private final NoiseSource inner;
    private long draws;

    CountingNoise(NoiseSource inner) { this.inner = inner; }

    @Override public Tensor gaussian(int... shape) {
        draws++;
        return inner.gaussian(shape);
    }

    @Override public long draws() { return draws; }
}
