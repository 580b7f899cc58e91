package org.diffuse4j.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Immutable n-dimensional array of doubles in row-major order; axis 0 is the batch.
 *
 * <p>Solver arithmetic is written on this type. The fused linear combinations
 * ({@link #combine(double, Tensor, double, Tensor, double, Tensor)}) compute a·x + b·y + c·z in
 * one pass with no temporaries, which is what keeps a solver step in the microsecond range.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;
    /**
     * What is known about the values' magnitude: NaN = nothing yet; a value B ≥ 0 = every value is finite with
     * |v| ≤ B (up to rounding far below the margin {@link #FINITE_MARGIN} that uses it); +∞ = every value is
     * finite, without a useful bound; −1 = some value is NaN or infinite. Set once by a scan ({@link #isFinite()})
     * or at creation from the operands' bounds (|Σ cₖ·xₖ| ≤ Σ |cₖ|·Bₖ), so a tensor computed from checked
     * tensors with finite coefficients is known finite without another pass. Values never change (the array
     * never escapes), so the cache cannot go stale.
     */
    private volatile double bound;
    /** The tensor that owns {@link #data}: this one, or the one this is a reshaped view of. */
    private final Tensor origin;
    /** The run whose pool provided or allocated {@link #data}, or null; only such tensors may be revoked. */
    private final ArrayPool pool;
    /** Set when the sampling loop recycled {@link #data}: every read fails from then on. */
    private boolean revoked;

    /** Bounds below this prove finiteness with room for any rounding in their propagation. */
    private static final double FINITE_MARGIN = 1e300;

    private Tensor(int[] shape, double[] data) {
        this(shape, data, Double.NaN);
    }

    private Tensor(int[] shape, double[] data, double bound) {
        this(shape, data, bound, null, null);
    }

    private Tensor(int[] shape, double[] data, double bound, ArrayPool pool) {
        this(shape, data, bound, pool, null);
    }

    private Tensor(int[] shape, double[] data, double bound, ArrayPool pool, Tensor origin) {
        this.shape = shape;
        this.data = data;
        this.bound = bound;
        this.pool = pool;
        this.origin = origin == null ? this : origin;
    }

    /** The values, after checking this tensor was not recycled. */
    private double[] live() {
        if (origin.revoked) {
            throw new ContractViolationException("a tensor of shape " + Arrays.toString(shape) + " was read after the sampling"
                    + " loop recycled it: a solver read a state older than its Solver.statesRetained() declares, or a"
                    + " denoiser kept its input beyond the call (copy it with Tensor.of(x.shape(), x.toArray()) to keep it)");
        }
        return data;
    }

    /**
     * Declares this tensor dead, for a solver that discards an intermediate it computed: when the tensor was
     * computed inside the sampling run on this thread (and is not a view), its memory is reused for the run's
     * next tensors and any later read of it fails with a {@link ContractViolationException}; otherwise nothing
     * happens. Never release a state the loop returned to you, a model output you still keep, or a tensor
     * someone else may hold.
     */
    public void release() {
        ArrayPool pool = ArrayPool.current();
        if (pool != null) revokeInto(pool, java.util.List.of());
    }

    /**
     * Recycles this tensor's memory into {@code into} when it was computed in that pool's run, is not a view and
     * shares its array with none of {@code live}; from then on any read of it (or of a reshaped view) fails.
     */
    void revokeInto(ArrayPool into, Iterable<Tensor> live) {
        if (into == null || pool != into || origin != this || revoked) return;
        for (Tensor t : live) {
            if (t.data == data) return;
        }
        revoked = true;
        into.give(data);
    }

    /** A bound to record for a result whose |values| are at most {@code b}: NaN (unknown) unless it proves finiteness. */
    private static double knownBelow(double b) {
        return b >= 0 && b < FINITE_MARGIN ? b : Double.NaN;
    }

    /** This tensor's usable bound (a finite B ≥ 0), or NaN. */
    private double usableBound() { return knownBelow(bound); }

    /** A tensor with the given shape holding a copy of {@code data}. */
    public static Tensor of(int[] shape, double[] data) {
        int[] s = checkShape(shape);
        if (size(s) != data.length) {
            throw new ShapeMismatchException("data has " + data.length + " values but shape "
                    + Arrays.toString(s) + " needs " + size(s));
        }
        return new Tensor(s, data.clone());
    }

    /** A rows × columns tensor from a rectangular array (copied). */
    public static Tensor of(double[][] rows) {
        if (rows.length == 0) throw new ShapeMismatchException("need at least one row");
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new ShapeMismatchException("row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return new Tensor(new int[] {rows.length, d}, out);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape(shape);
        return new Tensor(s, new double[size(s)], 0);
    }

    /** A tensor filled with one value. */
    public static Tensor full(double value, int... shape) {
        int[] s = checkShape(shape);
        double[] d = new double[size(s)];
        Arrays.fill(d, value);
        return new Tensor(s, d, Double.isFinite(value) ? Math.abs(value) : -1);
    }

    /** Takes ownership of {@code data} without copying; for code that has just allocated it. */
    static Tensor wrap(int[] shape, double[] data) {
        return new Tensor(shape, data);
    }

    /** As {@link #wrap(int[], double[])}, for values the caller knows to be finite with |v| ≤ {@code bound}. */
    static Tensor wrap(int[] shape, double[] data, double bound) {
        return new Tensor(shape, data, knownBelow(bound));
    }

    private static int[] checkShape(int[] shape) {
        if (shape.length == 0) throw new ShapeMismatchException("a tensor needs at least one axis (the batch)");
        for (int n : shape) {
            if (n <= 0) throw new ShapeMismatchException("every axis must be positive, got " + Arrays.toString(shape));
        }
        return shape.clone();
    }

    private static int size(int[] shape) {
        long n = 1;
        for (int s : shape) n *= s;
        if (n > Integer.MAX_VALUE) throw new ShapeMismatchException("tensor too large: " + Arrays.toString(shape));
        return (int) n;
    }

    /** The shape (a copy). */
    public int[] shape() { return shape.clone(); }

    /** Number of axes. */
    public int rank() { return shape.length; }

    /** Length of axis 0, the batch. */
    public int rows() { return shape[0]; }

    /** Number of values in one batch row. */
    public int rowSize() { return data.length / shape[0]; }

    /** Total number of values. */
    public int size() { return data.length; }

    /** The value at a flat row-major index. */
    public double get(int flatIndex) { return live()[flatIndex]; }

    /** The value at row {@code row}, position {@code j} within the row. */
    public double get(int row, int j) { return live()[row * rowSize() + j]; }

    /** A copy of the values, row-major. */
    public double[] toArray() { return live().clone(); }

    /** A copy of one row's values. */
    public double[] rowValues(int row) {
        int n = rowSize();
        return Arrays.copyOfRange(live(), row * n, (row + 1) * n);
    }

    /** Rows as a rows × rowSize array (copied). */
    public double[][] toRows() {
        double[][] out = new double[rows()][];
        for (int i = 0; i < out.length; i++) out[i] = rowValues(i);
        return out;
    }

    /** Row {@code i} as a batch of one (shape [1, ...]). */
    public Tensor row(int i) { return slice(i, i + 1); }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along the batch axis. */
    public Tensor slice(int from, int to) {
        if (from < 0 || to > rows() || from >= to) {
            throw new ShapeMismatchException("row range [" + from + ", " + to + ") outside [0, " + rows() + ")");
        }
        int n = rowSize();
        int[] s = shape.clone();
        s[0] = to - from;
        double b = bound;
        return new Tensor(s, Arrays.copyOfRange(live(), from * n, to * n), b >= 0 ? b : Double.NaN); // a part of checked values is checked
    }

    /** Concatenates tensors along the batch axis; all must agree on the other axes. */
    public static Tensor stack(List<Tensor> parts) {
        if (parts.isEmpty()) throw new ShapeMismatchException("nothing to stack");
        Tensor first = parts.get(0);
        int rows = 0;
        for (Tensor t : parts) {
            if (!Arrays.equals(t.shape, 1, t.shape.length, first.shape, 1, first.shape.length)) {
                throw new ShapeMismatchException("cannot stack " + Arrays.toString(t.shape) + " onto "
                        + Arrays.toString(first.shape));
            }
            rows += t.rows();
        }
        int[] s = first.shape.clone();
        s[0] = rows;
        double[] out = new double[size(s)];
        int pos = 0;
        double b = 0;
        for (Tensor t : parts) {
            System.arraycopy(t.live(), 0, out, pos, t.data.length);
            pos += t.data.length;
            b = Math.max(b, t.usableBound()); // NaN (unknown) wins
        }
        return new Tensor(s, out, b);
    }

    /** The same values with another shape of equal size. */
    public Tensor reshape(int... newShape) {
        int[] s = checkShape(newShape);
        if (size(s) != data.length) {
            throw new ShapeMismatchException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(s));
        }
        live();
        return new Tensor(s, data, bound, pool, origin);
    }

    /** True when {@code other} has the same shape. */
    public boolean sameShape(Tensor other) { return Arrays.equals(shape, other.shape); }

    private void requireSameShape(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new ShapeMismatchException("shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
    }

    /** a·x + b·y in one pass. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y) {
        return combine(new double[] {a, b}, new Tensor[] {x, y});
    }

    /** a·x + b·y + c·z in one pass. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y, double c, Tensor z) {
        return combine(new double[] {a, b, c}, new Tensor[] {x, y, z});
    }

    /** a·x + b·y + c·z + d·w in one pass. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y, double c, Tensor z, double d, Tensor w) {
        return combine(new double[] {a, b, c, d}, new Tensor[] {x, y, z, w});
    }

    /**
     * Σ coefficients[k]·terms[k] (any number of terms, as multistep solvers need): one pass per group of six terms,
     * each group added to the last left to right, as one term at a time would be.
     */
    public static Tensor combine(double[] coefficients, Tensor[] terms) {
        if (coefficients.length != terms.length || terms.length == 0) {
            throw new ShapeMismatchException(coefficients.length + " coefficients for " + terms.length + " terms");
        }
        double b = 0;
        double[][] arrays = new double[terms.length][];
        for (int j = 0; j < terms.length; j++) {
            terms[0].requireSameShape(terms[j]);
            arrays[j] = terms[j].live();
            b += Math.abs(coefficients[j]) * terms[j].usableBound();
        }
        int n = arrays[0].length;
        ArrayPool pool = ArrayPool.current();
        double[] out = ArrayPool.take(pool, n);
        Parallel.run(n, (lo, hi) -> {
            for (int k = 0; k < arrays.length; k += 6) linear(out, k > 0, coefficients, arrays, k, Math.min(6, arrays.length - k), lo, hi);
        });
        return new Tensor(terms[0].shape, out, knownBelow(b), pool);
    }

    /**
     * Two combinations in one blocked pass, for a predictor–corrector step: {@code first} = Σ c1ₖ·t1ₖ and
     * {@code second} = Σ c2ₖ·t2ₖ, where a null entry of t2 stands for {@code first}. Each value is computed with
     * the same left-to-right arithmetic as {@link #combine(double[], Tensor[])}, so the results are bit-identical to
     * two calls; the pass reads each operand once while its block is in cache. At most six terms each.
     *
     * @return {first, second}
     */
    public static Tensor[] combinePair(double[] c1, Tensor[] t1, double[] c2, Tensor[] t2) {
        if (c1.length != t1.length || c2.length != t2.length || t1.length == 0 || t2.length == 0 || t1.length > 6 || t2.length > 6) {
            throw new ShapeMismatchException("combinePair takes 1 … 6 terms with one coefficient each, got " + c1.length + "/"
                    + t1.length + " and " + c2.length + "/" + t2.length);
        }
        Tensor shapeOf = t1[0];
        int n = shapeOf.data.length;
        ArrayPool pool = ArrayPool.current();
        double[] first = ArrayPool.take(pool, n), second = ArrayPool.take(pool, n);
        double b1 = 0, b2 = 0;
        double[][] a1 = new double[t1.length][], a2 = new double[t2.length][];
        for (int k = 0; k < t1.length; k++) {
            shapeOf.requireSameShape(t1[k]);
            a1[k] = t1[k].live();
            b1 += Math.abs(c1[k]) * t1[k].usableBound();
        }
        b1 = knownBelow(b1);
        for (int k = 0; k < t2.length; k++) {
            if (t2[k] != null) shapeOf.requireSameShape(t2[k]);
            a2[k] = t2[k] == null ? first : t2[k].live();
            b2 += Math.abs(c2[k]) * (t2[k] == null ? b1 : t2[k].usableBound());
        }
        Parallel.run(n, (from, to) -> {
            for (int lo = from; lo < to; lo += PAIR_BLOCK) {
                int hi = Math.min(to, lo + PAIR_BLOCK);
                linear(first, false, c1, a1, 0, c1.length, lo, hi);
                linear(second, false, c2, a2, 0, c2.length, lo, hi);
            }
        });
        return new Tensor[] {new Tensor(shapeOf.shape, first, b1, pool), new Tensor(shapeOf.shape, second, knownBelow(b2), pool)};
    }

    /** Values per block of {@link #combinePair}: six operands of this many doubles fit a 32 KB L1 cache. */
    private static final int PAIR_BLOCK = 512;

    /**
     * out[lo, hi) = Σ c[from + j]·a[from + j][lo, hi) over j < count ≤ 6, evaluated left to right and, with {@code add},
     * after the values already in out (so successive groups give the same arithmetic as one term at a time).
     */
    private static void linear(double[] out, boolean add, double[] c, double[][] a, int from, int count, int lo, int hi) {
        double[] z = a[from];
        double c0 = c[from], c1 = count > 1 ? c[from + 1] : 0, c2 = count > 2 ? c[from + 2] : 0;
        double c3 = count > 3 ? c[from + 3] : 0, c4 = count > 4 ? c[from + 4] : 0, c5 = count > 5 ? c[from + 5] : 0;
        double[] a0 = a[from], a1 = count > 1 ? a[from + 1] : z, a2 = count > 2 ? a[from + 2] : z;
        double[] a3 = count > 3 ? a[from + 3] : z, a4 = count > 4 ? a[from + 4] : z, a5 = count > 5 ? a[from + 5] : z;
        if (add) {
            switch (count) {
                case 1 -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i]; }
                case 2 -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i] + c1 * a1[i]; }
                case 3 -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i] + c1 * a1[i] + c2 * a2[i]; }
                case 4 -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i]; }
                case 5 -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i] + c4 * a4[i]; }
                default -> { for (int i = lo; i < hi; i++) out[i] = out[i] + c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i] + c4 * a4[i] + c5 * a5[i]; }
            }
            return;
        }
        switch (count) {
            case 1 -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i]; }
            case 2 -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i] + c1 * a1[i]; }
            case 3 -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i]; }
            case 4 -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i]; }
            case 5 -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i] + c4 * a4[i]; }
            default -> { for (int i = lo; i < hi; i++) out[i] = c0 * a0[i] + c1 * a1[i] + c2 * a2[i] + c3 * a3[i] + c4 * a4[i] + c5 * a5[i]; }
        }
    }

    /**
     * The number of threads element-wise operations on large tensors run on, the caller included (system property
     * {@code diffuse4j.kernelThreads}; default: the available processors, at most 4).
     *
     * @throws ConfigurationException when that property is not a whole number from 1 to 64
     */
    public static int kernelThreads() {
        return Parallel.threads();
    }

    /** a·this. */
    public Tensor scale(double a) {
        double[] in = live();
        ArrayPool pool = ArrayPool.current();
        double[] out = ArrayPool.take(pool, in.length);
        Parallel.run(out.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) out[i] = a * in[i];
        });
        return new Tensor(shape, out, knownBelow(Math.abs(a) * usableBound()), pool);
    }

    /** this + other. */
    public Tensor plus(Tensor other) { return combine(1, this, 1, other); }

    /** this − other. */
    public Tensor minus(Tensor other) { return combine(1, this, -1, other); }

    /** Elementwise product. */
    public Tensor times(Tensor other) {
        requireSameShape(other);
        double[] in = live(), o = other.live();
        ArrayPool pool = ArrayPool.current();
        double[] out = ArrayPool.take(pool, in.length);
        Parallel.run(out.length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) out[i] = in[i] * o[i];
        });
        return new Tensor(shape, out, knownBelow(usableBound() * other.usableBound()), pool);
    }

    /** Elementwise function. */
    public Tensor map(DoubleUnaryOperator f) {
        live();
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(data[i]);
        return new Tensor(shape, out);
    }

    /** Clamps every value to [lo, hi]. */
    public Tensor clamp(double lo, double hi) {
        live();
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = Math.min(hi, Math.max(lo, data[i]));
        return new Tensor(shape, out, knownBelow(Math.min(usableBound(), Math.max(Math.abs(lo), Math.abs(hi)))));
    }

    /** Sum of all values. */
    public double sum() {
        live();
        double s = 0;
        for (double v : data) s += v;
        return s;
    }

    /** Largest absolute value. */
    public double maxAbs() {
        live();
        double m = 0;
        for (double v : data) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Root mean square of (this − other) over all values. */
    public double rmsDistance(Tensor other) {
        live();
        other.live();
        requireSameShape(other);
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            double d = data[i] - other.data[i];
            s += d * d;
        }
        return Math.sqrt(s / data.length);
    }

    /** Largest |this − other| over all values. */
    public double maxAbsDistance(Tensor other) {
        live();
        other.live();
        requireSameShape(other);
        double m = 0;
        for (int i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i] - other.data[i]));
        return m;
    }

    /** Index of the first NaN or infinite value, or −1 when all are finite. */
    public int firstNonFinite() {
        live();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) return i;
        }
        return -1;
    }

    /**
     * True when every value is finite. Known without a pass for a tensor computed from checked operands with
     * finite coefficients (see {@link #bound}); otherwise one branch-free pass computes Σ v² over eight
     * independent accumulators: finite exactly when every value is finite and none exceeds ~1e154, in which
     * case √(Σ v²) ≥ max |v| is recorded as the bound; otherwise an exact scan decides. The sampling loop
     * calls this on every prediction and every step's state; the result is cached.
     */
    public boolean isFinite() {
        live();
        double b = bound;
        if (!Double.isNaN(b)) return b >= 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0, n = data.length & ~7;
        for (; i < n; i += 8) {
            s0 += data[i] * data[i];
            s1 += data[i + 1] * data[i + 1];
            s2 += data[i + 2] * data[i + 2];
            s3 += data[i + 3] * data[i + 3];
            s4 += data[i + 4] * data[i + 4];
            s5 += data[i + 5] * data[i + 5];
            s6 += data[i + 6] * data[i + 6];
            s7 += data[i + 7] * data[i + 7];
        }
        for (; i < data.length; i++) s0 += data[i] * data[i];
        double sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        if (Double.isFinite(sum)) {
            b = Math.sqrt(sum) * (1 + 1e-12); // each v² ≤ Σ v², the sum rounded by far less than this factor
        } else {
            b = firstNonFinite() < 0 ? Double.POSITIVE_INFINITY : -1;
        }
        bound = b;
        return b >= 0;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(live(), t.live());
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(live()); }

    @Override public String toString() {
        if (origin.revoked) return "Tensor" + Arrays.toString(shape) + "(recycled)";
        String values = data.length <= 8 ? Arrays.toString(data)
                : Arrays.toString(Arrays.copyOf(data, 8)).replace("]", ", …]");
        return "Tensor" + Arrays.toString(shape) + values;
    }
}
