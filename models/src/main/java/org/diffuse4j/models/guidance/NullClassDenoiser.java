package org.diffuse4j.models.guidance;

import java.util.Arrays;
import java.util.Optional;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Gives a class-conditional denoiser that has no learned null class one, so that
 * {@link ClassifierFreeGuidance} can wrap it: rows labelled {@code nullClass} are answered by an
 * unconditional call ({@link Conditioning#NONE}), the other rows by a call with their labels. For an
 * exact model such as {@code GaussianMixtureDenoiser} that makes ε_u the exact marginal prediction and
 * ε_c the component-restricted one.
 *
 * <p>Makes one call of the wrapped model when all rows are null or none is, and two (on the gathered
 * rows of each kind) otherwise; calls without labels pass through unchanged. Immutable and thread-safe
 * when the wrapped model is.
 */
public final class NullClassDenoiser implements Denoiser {
    private final Denoiser conditional;
    private final int nullClass;

    /** Routes rows labelled {@code nullClass} (≥ 0) of {@code conditional} to an unconditional call. */
    public NullClassDenoiser(Denoiser conditional, int nullClass) {
        if (conditional == null) throw new ConfigurationException("conditional", "a conditional denoiser is required");
        if (nullClass < 0) throw new ConfigurationException("null_class", "must be a class index ≥ 0, got " + nullClass);
        this.conditional = conditional;
        this.nullClass = nullClass;
    }

    /** The wrapped denoiser. */
    public Denoiser conditional() { return conditional; }

    /** The label answered unconditionally. */
    public int nullClass() { return nullClass; }

    @Override public Prediction target() { return conditional.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        Optional<int[]> given = conditioning.labels();
        if (given.isEmpty()) return conditional.predict(x, level, conditioning);
        int[] labels = given.get();
        int rows = x.rows();
        if (labels.length != 1 && labels.length != rows) {
            throw new ShapeMismatchException(labels.length + " class labels for a batch of " + rows + " rows");
        }
        int nulls = 0;
        for (int r = 0; r < rows; r++) if (label(labels, r) == nullClass) nulls++;
        if (nulls == 0) return conditional.predict(x, level, conditioning);
        if (nulls == rows) return conditional.predict(x, level, Conditioning.NONE);

        int[] nullRows = new int[nulls], labelledRows = new int[rows - nulls], rest = new int[rows - nulls];
        for (int r = 0, i = 0, j = 0; r < rows; r++) {
            if (label(labels, r) == nullClass) {
                nullRows[i++] = r;
            } else {
                rest[j] = label(labels, r);
                labelledRows[j++] = r;
            }
        }
        Tensor u = conditional.predict(gather(x, nullRows), level, Conditioning.NONE);
        Tensor c = conditional.predict(gather(x, labelledRows), level, Conditioning.classes(rest));
        double[] out = new double[x.size()];
        scatter(u, nullRows, out, x);
        scatter(c, labelledRows, out, x);
        return Tensor.of(x.shape(), out);
    }

    private static int label(int[] labels, int row) {
        return labels[labels.length == 1 ? 0 : row];
    }

    private static Tensor gather(Tensor x, int[] rows) {
        int n = x.rowSize();
        double[] out = new double[rows.length * n];
        for (int i = 0; i < rows.length; i++) System.arraycopy(x.rowValues(rows[i]), 0, out, i * n, n);
        int[] shape = x.shape();
        shape[0] = rows.length;
        return Tensor.of(shape, out);
    }

    private void scatter(Tensor part, int[] rows, double[] out, Tensor x) {
        int[] expected = x.shape();
        expected[0] = rows.length;
        if (part == null || !Arrays.equals(part.shape(), expected)) {
            throw new ShapeMismatchException("denoiser " + conditional.getClass().getName() + " returned shape "
                    + (part == null ? "null" : Arrays.toString(part.shape())) + " for a batch of shape " + Arrays.toString(expected));
        }
        int n = x.rowSize();
        for (int i = 0; i < rows.length; i++) System.arraycopy(part.rowValues(i), 0, out, rows[i] * n, n);
    }

    @Override public String toString() {
        return "NullClassDenoiser[null class " + nullClass + ", " + conditional + "]";
    }
}
