package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Tensor;

/**
 * Counter-based Brownian paths W(σ), σ ∈ [0, ∞), one per value of every batch row, built as a Brownian tree
 * (Lévy's construction by midpoint bridges): W(0) = 0; at the dyadic anchors 2^k a random walk upwards from
 * W(1) ~ N(0, 1) and bridges towards 0 downwards; inside [2^k, 2^{k+1}] bisection to depth 40 with
 * W(m) = (W(a) + W(b))/2 + √((b − a)/4)·z, where every z is a hash of (seed, global row, node). A value is a
 * deterministic function of (seed, row, σ), so paths do not depend on the batch, the chunking or the order of
 * queries, and the increments of any grid telescope exactly. Below the leaf width 2^{k−40} (relative 1e-12)
 * the path is interpolated linearly.
 *
 * <p>{@link #gaussian} gives independent counter-based normals (for x_T and for solvers' draws that are not
 * increments). Like every {@code NoiseSource} an instance belongs to one run; it is not thread-safe.
 */
public final class BrownianTreeNoise implements BrownianNoiseSource {
    private static final int DEPTH = 40;
    private static final int MAX_EXPONENT = 1100;
    private static final long TAG_GAUSSIAN = 0x243F6A8885A308D3L;
    private static final long TAG_ANCHOR = 0x13198A2E03707344L;
    private static final long TAG_NODE = 0xA4093822299F31D0L;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double INV_2_53 = 1.0 / (1L << 53);

    private final long seed;
    private final long rowOffset;
    private long draws;

    private BrownianTreeNoise(long seed, long rowOffset) {
        this.seed = seed;
        this.rowOffset = rowOffset;
    }

    /** Brownian paths from a seed; batch row r is global row r. */
    public static BrownianTreeNoise seeded(long seed) { return new BrownianTreeNoise(seed, 0); }

    /** Brownian paths from a seed; batch row r is global row r + rowOffset (for chunked batches). */
    public static BrownianTreeNoise seeded(long seed, long rowOffset) { return new BrownianTreeNoise(seed, rowOffset); }

    @Override public Tensor gaussian(int... shape) {
        Tensor zeros = Tensor.zeros(shape);
        int rows = zeros.rows(), n = zeros.rowSize();
        double[] out = new double[zeros.size()];
        long k = draws++;
        for (int r = 0; r < rows; r++) fill(mix(rowStream(r) ^ mix(TAG_GAUSSIAN + k)), out, r * n, n);
        return Tensor.of(shape, out);
    }

    @Override public Tensor increment(int[] shape, double from, double to) {
        check(from);
        check(to);
        if (from == to) throw new ConfigurationException("sigma", "a Brownian increment needs two different noise levels, got " + from + " twice");
        Tensor zeros = Tensor.zeros(shape);
        int rows = zeros.rows(), n = zeros.rowSize();
        double[] out = new double[zeros.size()];
        double scale = 1 / Math.sqrt(Math.abs(to - from));
        draws++;
        for (int r = 0; r < rows; r++) {
            double[] a = path(rowStream(r), from, n), b = path(rowStream(r), to, n);
            for (int j = 0; j < n; j++) out[r * n + j] = (b[j] - a[j]) * scale;
        }
        return Tensor.of(shape, out);
    }

    /** W(σ) itself (not normalised) for every value of a tensor of the given shape; not counted as a draw. */
    public Tensor at(int[] shape, double sigma) {
        check(sigma);
        Tensor zeros = Tensor.zeros(shape);
        int rows = zeros.rows(), n = zeros.rowSize();
        double[] out = new double[zeros.size()];
        for (int r = 0; r < rows; r++) System.arraycopy(path(rowStream(r), sigma, n), 0, out, r * n, n);
        return Tensor.of(shape, out);
    }

    @Override public long draws() { return draws; }

    private static void check(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new ConfigurationException("sigma", "a Brownian path is indexed by finite noise levels σ ≥ 0, got " + sigma);
        }
    }

    private long rowStream(int r) {
        return mix(mix(seed ^ 0x9E3779B97F4A7C15L) + mix(rowOffset + r) * 0xBF58476D1CE4E5B9L);
    }

    /** W(σ) of one row (n independent coordinates). */
    private static double[] path(long row, double sigma, int n) {
        double[] w = new double[n];
        if (sigma == 0) return w;
        int k = Math.getExponent(sigma);                 // σ ∈ [2^k, 2^{k+1})
        if (k < -MAX_EXPONENT + 2 || k > MAX_EXPONENT - 2) {
            throw new ConfigurationException("sigma", "noise level " + sigma + " is outside the Brownian tree's range");
        }
        double[] wl = anchor(row, k, n), wr = anchor(row, k + 1, n);
        double lo = Math.scalb(1.0, k), hi = Math.scalb(1.0, k + 1);
        long node = 1;
        double[] z = new double[n];
        for (int d = 0; d < DEPTH; d++) {
            double mid = 0.5 * (lo + hi);
            double sd = Math.sqrt(0.25 * (hi - lo));       // bridge std at the midpoint
            fill(nodeStream(row, k, node), z, 0, n);
            double[] wm = new double[n];
            for (int j = 0; j < n; j++) wm[j] = 0.5 * (wl[j] + wr[j]) + sd * z[j];
            if (sigma == mid) return wm;
            if (sigma < mid) {
                hi = mid;
                wr = wm;
                node = 2 * node;
            } else {
                lo = mid;
                wl = wm;
                node = 2 * node + 1;
            }
        }
        if (sigma == lo) return wl;
        double f = (sigma - lo) / (hi - lo);
        for (int j = 0; j < n; j++) w[j] = wl[j] + f * (wr[j] - wl[j]);
        return w;
    }

    /** W(2^k): W(1) ~ N(0, 1), a walk W(2^{j+1}) = W(2^j) + √(2^j) z upwards and bridges to W(0) = 0 downwards. */
    private static double[] anchor(long row, int k, int n) {
        double[] w = new double[n], z = new double[n];
        fill(anchorStream(row, 0), w, 0, n);
        for (int j = 0; j < k; j++) {                     // W(2^{j+1}) = W(2^j) + N(0, 2^j)
            fill(anchorStream(row, j + 1), z, 0, n);
            double sd = Math.sqrt(Math.scalb(1.0, j));
            for (int i = 0; i < n; i++) w[i] += sd * z[i];
        }
        for (int j = -1; j >= k; j--) {                   // W(2^j) | W(0) = 0, W(2^{j+1}): mean W/2, variance 2^{j−1}
            fill(anchorStream(row, j), z, 0, n);
            double sd = Math.sqrt(Math.scalb(1.0, j - 1));
            for (int i = 0; i < n; i++) w[i] = 0.5 * w[i] + sd * z[i];
        }
        return w;
    }

    private static long anchorStream(long row, int j) {
        return mix(row ^ mix(TAG_ANCHOR + (j + MAX_EXPONENT)));
    }

    private static long nodeStream(long row, int k, long node) {
        return mix(row ^ mix(TAG_NODE + ((long) (k + MAX_EXPONENT) << 42) + node));
    }

    /** n standard normals of one stream by the Box–Muller transform of SplitMix64 outputs. */
    private static void fill(long stream, double[] out, int offset, int n) {
        for (int j = 0; j < n; j += 2) {
            long c = stream + (long) (j >> 1) * 0x9E3779B97F4A7C15L;
            double u1 = ((mix(c) >>> 11) + 1) * INV_2_53;                 // (0, 1]
            double u2 = (mix(c ^ 0xD1B54A32D192ED03L) >>> 11) * INV_2_53; // [0, 1)
            double radius = Math.sqrt(-2 * Math.log(u1));
            out[offset + j] = radius * Math.cos(TWO_PI * u2);
            if (j + 1 < n) out[offset + j + 1] = radius * Math.sin(TWO_PI * u2);
        }
    }

    // SplitMix64 finaliser (Steele, Lea & Flood 2014)
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
