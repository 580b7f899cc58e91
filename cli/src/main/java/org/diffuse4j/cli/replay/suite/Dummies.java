package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.api.Tensor;

/**
 * The dummy tensors of diffusers' scheduler tests ({@code meta.dummy_definitions}): with B the batch and
 * n the number of elements, v[k] = k viewed row-major as (C, …, B), divided by n and permuted to (B, C, …).
 * Closed form: D[b, j] = (j·B + b)/n for the row-major index j within one batch row; the noise N uses the
 * flipped vector, N = (n − 1 − (j·B + b))/n.
 */
final class Dummies {
    private Dummies() {}

    /** {@code dummy_sample_deter} of the given shape (axis 0 the batch). */
    static Tensor sample(int[] shape) { return build(shape, false); }

    /** {@code dummy_noise_deter} of the given shape. */
    static Tensor noise(int[] shape) { return build(shape, true); }

    private static Tensor build(int[] shape, boolean flipped) {
        int b = shape[0];
        int n = 1;
        for (int s : shape) n *= s;
        int row = n / b;
        double[] v = new double[n];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < row; j++) {
                int k = j * b + r;
                v[r * row + j] = (double) (flipped ? n - 1 - k : k) / n; // true division, correctly rounded
            }
        }
        return Tensor.of(shape, v);
    }
}
