package org.diffuse4j.api;

/**
 * Counter-based Gaussian noise: every value is a hash of (seed, global row, draw index, position)
 * through SplitMix64 finalisers, turned into normals with the Box–Muller transform.
 */
final class SeededNoise implements NoiseSource {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double INV_2_53 = 1.0 / (1L << 53);
    private final long seed;
    private final long rowOffset;
    private long draws;

    SeededNoise(long seed, long rowOffset) {
        this.seed = seed;
        this.rowOffset = rowOffset;
    }

    @Override public Tensor gaussian(int... shape) {
        Tensor zeros = Tensor.zeros(shape);
        int rows = zeros.rows(), n = zeros.rowSize();
        double[] out = new double[zeros.size()];
        long k = draws++;
        for (int r = 0; r < rows; r++) {
            long stream = mix(mix(seed ^ 0x9E3779B97F4A7C15L) + mix(rowOffset + r) * 0xBF58476D1CE4E5B9L + k * 0x94D049BB133111EBL);
            fillRow(stream, out, r * n, n);
        }
        return Tensor.wrap(zeros.shape(), out, 8.6); // Box–Muller radius √(−2 ln u₁) ≤ √(106 ln 2) ≈ 8.57 for u₁ ≥ 2⁻⁵³
    }

    /** Fills n normals for one (seed, row, draw) stream. */
    static void fillRow(long stream, double[] out, int offset, int n) {
        for (int j = 0; j < n; j += 2) {
            long c = stream + (long) (j >> 1) * 0x9E3779B97F4A7C15L;
            double u1 = ((mix(c) >>> 11) + 1) * INV_2_53;          // (0, 1]
            double u2 = (mix(c ^ 0xD1B54A32D192ED03L) >>> 11) * INV_2_53; // [0, 1)
            double radius = Math.sqrt(-2 * Math.log(u1));
            double angle = TWO_PI * u2;
            out[offset + j] = radius * Math.cos(angle);
            if (j + 1 < n) out[offset + j + 1] = radius * Math.sin(angle);
        }
    }

    // SplitMix64 finaliser (Steele, Lea & Flood 2014)
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override public long draws() { return draws; }
}
