package org.diffuse4j.api;

import java.util.Arrays;
import java.util.List;

/** Replays recorded draws in consumption order. */
final class ReplayedNoise implements NoiseSource {
    private final List<Tensor> recorded;
    private int next;

    ReplayedNoise(List<Tensor> recorded) { this.recorded = List.copyOf(recorded); }

    @Override public Tensor gaussian(int... shape) {
        if (next >= recorded.size()) {
            throw new ContractViolationException("noise replay: draw " + (next + 1) + " requested but only "
                    + recorded.size() + " were recorded");
        }
        Tensor t = recorded.get(next);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ShapeMismatchException("noise replay: draw " + next + " was recorded with shape "
                    + Arrays.toString(t.shape()) + " but " + Arrays.toString(shape) + " was requested");
        }
        next++;
        return t;
    }

    @Override public long draws() { return next; }
}
