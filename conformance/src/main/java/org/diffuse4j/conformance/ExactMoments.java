package org.diffuse4j.conformance;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Exact output moments of a solver on one-dimensional data, without Monte Carlo, for a solver that is affine in
 * (x_T, z₁, …, z_K) — as every solver built from linear combinations of x, x̂₀ and its draws is when x̂₀ is affine in
 * x (the exact denoiser of Gaussian data, or its consistency function). Row by row, out = b + a x_T + Σ c_k z_k, so one
 * run on the basis rows (x_T = 0, z = 0), (x_T = 1, z = 0) and (x_T = 0, z_k = 1) gives b, a and every c_k, whence
 * E[out] = b + a E[x_T] and Var[out] = a² Var[x_T] + Σ c_k² for x_T independent of the i.i.d. N(0, 1) draws.
 *
 * <p>Affinity is verified, never assumed: a run on random rows with random draws must match the affine prediction
 * within round-off (superposition), the draws must be one value per row and their number must not depend on the input.
 */
public final class ExactMoments {
    private ExactMoments() {}

    /** Superposition residual allowed, relative to the output's magnitude: round-off of a few hundred terms. */
    public static final double ROUND_OFF = 1e-9;

    /** The outcome of {@link #fit}: the solver's affine map, or why it has none. */
    public sealed interface Fit permits Affine, NotAffine {}

    /**
     * out = offset + gain · x_T + Σ_k noiseGains[k] · z_k, verified on random rows with residual {@code residual}
     * (relative).
     */
    public record Affine(double offset, double gain, double[] noiseGains, double residual) implements Fit {
        public Affine {
            noiseGains = noiseGains.clone();
        }

        @Override public double[] noiseGains() { return noiseGains.clone(); }

        /** E[out] for x_T with mean {@code meanT}. */
        public double mean(double meanT) { return offset + gain * meanT; }

        /** Std of out for x_T with variance {@code varT}, independent of the draws. */
        public double std(double varT) {
            double v = gain * gain * varT;
            for (double c : noiseGains) v += c * c;
            return Math.sqrt(v);
        }

        /** Number of draws of a run. */
        public int draws() { return noiseGains.length; }
    }

    /** The solver is not affine in (x_T, draws) on this problem: {@code why}. */
    public record NotAffine(String why) implements Fit {}

    /**
     * Fits the affine map of a solver (whose grid is fixed) with a denoiser of one-dimensional data: a run on
     * {@code probeRows} rows x_T ~ N(meanT, varT) with seeded draws, then one on the basis rows, then the comparison.
     */
    public static Fit fit(Solver<?> solver, Denoiser denoiser, double meanT, double varT, int probeRows, long seed) {
        Tensor probe = NoiseSource.seeded(seed).gaussian(probeRows, 1).map(v -> meanT + Math.sqrt(varT) * v);
        Recording recording = new Recording(NoiseSource.seeded(seed + 1));
        Tensor probeOut = Sampler.sample(solver, denoiser, probe, recording).samples();
        List<Tensor> draws = recording.draws;
        for (Tensor z : draws) {
            if (z.size() != probeRows) return new NotAffine("a draw of " + z.size() + " values for " + probeRows + " one-value rows");
        }
        int k = draws.size(), rows = 2 + k;
        double[] basis = new double[rows];
        basis[1] = 1;
        Impulses impulses = new Impulses(rows, k);
        Tensor out = Sampler.sample(solver, denoiser, Tensor.of(new int[] {rows, 1}, basis), impulses).samples();
        if (impulses.problem != null) return new NotAffine(impulses.problem);
        if (impulses.draws() != k) return new NotAffine(impulses.draws() + " draws on the basis rows, " + k + " on random rows");
        double b = out.get(0), a = out.get(1) - b;
        double[] c = new double[k];
        for (int j = 0; j < k; j++) c[j] = out.get(2 + j) - b;
        double worst = 0;
        for (int i = 0; i < probeRows; i++) {
            double predicted = b + a * probe.get(i);
            for (int j = 0; j < k; j++) predicted += c[j] * draws.get(j).get(i);
            worst = Math.max(worst, Math.abs(predicted - probeOut.get(i)));
        }
        double residual = worst / Math.max(1, probeOut.maxAbs());
        if (!(residual <= ROUND_OFF)) {
            return new NotAffine("superposition residual " + Checks.fmt(residual) + " (affine within round-off needs ≤ " + ROUND_OFF + ")");
        }
        return new Affine(b, a, c, residual);
    }

    /** Seeded draws, kept in order. */
    private static final class Recording implements NoiseSource {
        private final NoiseSource inner;
        private final List<Tensor> draws = new ArrayList<>();

        Recording(NoiseSource inner) { this.inner = inner; }

        @Override public Tensor gaussian(int... shape) {
            Tensor z = inner.gaussian(shape);
            draws.add(z);
            return z;
        }

        @Override public long draws() { return draws.size(); }
    }

    /**
     * Draw k is 1 in basis row 2 + k and 0 elsewhere. A draw of another size or past the expected number is recorded as
     * the problem (and answered with zeros, so that the run ends normally).
     */
    private static final class Impulses implements NoiseSource {
        private final int rows;
        private final int expected;
        private int draws;
        private String problem;

        Impulses(int rows, int expected) {
            this.rows = rows;
            this.expected = expected;
        }

        @Override public Tensor gaussian(int... shape) {
            Tensor zeros = Tensor.zeros(shape);
            if (problem == null && zeros.size() != rows) problem = "a draw of " + zeros.size() + " values for " + rows + " one-value rows";
            if (problem == null && draws >= expected) problem = "more draws on the basis rows than the " + expected + " on random rows";
            if (problem != null) {
                draws++;
                return zeros;
            }
            double[] z = new double[rows];
            z[2 + draws++] = 1;
            return Tensor.of(shape, z);
        }

        @Override public long draws() { return draws; }
    }
}
