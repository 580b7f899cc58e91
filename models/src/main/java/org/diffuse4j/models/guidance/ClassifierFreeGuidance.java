package org.diffuse4j.models.guidance;

import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Classifier-free guidance; Ho &amp; Salimans 2022 (arXiv:2207.12598), Eq. (6):
 * ε̃ = ε_u + w (ε_c − ε_u), where w is diffusers' {@code guidance_scale}, i.e. 1 + the paper's w
 * (the paper writes (1 + w) ε_c − w ε_u, so its w = 0 is our w = 1); optional guidance rescale of
 * Lin et al. 2024 (arXiv:2305.08891), §3.4, Eq. (15)–(16) and Algorithm 2. Deterministic; one
 * network call per call: the B rows with their class labels and the same B rows with the null class
 * are stacked into a single batch of 2B rows (as the reference pipelines do), so a solver's declared
 * model calls per step are unchanged.
 *
 * <p><b>Target.</b> The combination is computed directly in the wrapped model's native target, which is
 * also this denoiser's {@link #target()}. Guidance is defined on ε (equivalently on the score
 * −ε/σ), but every target is T = a·x + b·ε with (a, b) fixed by the noise level, so at fixed (x, level)
 * T_u + w (T_c − T_u) = a·x + b (ε_u + w (ε_c − ε_u)): combining x̂₀, v, score or velocity is the same
 * guided prediction as combining ε, exactly. Combining natively avoids converting through ε, which
 * divides by α (x̂₀ from ε) or σ (ε from x̂₀) and is undefined at the ends of the schedule.
 *
 * <p><b>Scale.</b> w = 0 is the unconditional model, w = 1 the conditional one; both need only one
 * half of the batch and are answered by one call of B rows (w = 0 with rescale φ &gt; 0 still needs the
 * conditional half and makes the full call). Rows labelled with the null class get their unconditional
 * prediction.
 *
 * <p><b>Rescale.</b> With φ &gt; 0 each row of the guided prediction g is scaled to the standard deviation
 * of the conditional row c and mixed back: out = φ · g · std(c)/std(g) + (1 − φ) · g (Eq. (15)–(16)),
 * per batch row over all its values. Unlike the combination this is not invariant under a change of
 * target; it is applied to the native output, as the paper's Algorithm 2 and diffusers'
 * {@code rescale_noise_cfg} apply it to the network's output (the paper's model predicts v). The ratio of
 * standard deviations does not depend on the Bessel correction; a row whose guided values are all equal
 * (std 0) is left unscaled.
 *
 * <p>The wrapped model must understand {@link Conditioning#classes(int...)} including the null class
 * (a model trained with label dropout); {@link NullClassDenoiser} adapts a model without one. Immutable
 * and thread-safe when the wrapped model is.
 */
public final class ClassifierFreeGuidance implements Denoiser {
    private final Denoiser conditional;
    private final int nullClass;
    private final double scale;
    private final double rescale;

    /**
     * Guidance of {@code conditional} with scale w = {@code scale} (finite, ≥ 0) towards the labels of each
     * call, against the unconditional prediction obtained with label {@code nullClass} (≥ 0); no rescale.
     */
    public ClassifierFreeGuidance(Denoiser conditional, int nullClass, double scale) {
        this(conditional, nullClass, scale, 0);
    }

    private ClassifierFreeGuidance(Denoiser conditional, int nullClass, double scale, double rescale) {
        if (conditional == null) throw new ConfigurationException("conditional", "a conditional denoiser is required");
        if (nullClass < 0) throw new ConfigurationException("null_class", "must be a class index ≥ 0, got " + nullClass);
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new ConfigurationException("guidance_scale", "must be finite and ≥ 0, got " + scale);
        }
        if (!(rescale >= 0 && rescale <= 1)) {
            throw new ConfigurationException("guidance_rescale", "φ must lie in [0, 1], got " + rescale);
        }
        this.conditional = conditional;
        this.nullClass = nullClass;
        this.scale = scale;
        this.rescale = rescale;
    }

    /** This guidance with CFG rescale φ ∈ [0, 1] (Lin et al. 2024 recommend 0.7; 0 is plain CFG). */
    public ClassifierFreeGuidance withRescale(double phi) {
        return new ClassifierFreeGuidance(conditional, nullClass, scale, phi);
    }

    /** The wrapped conditional denoiser. */
    public Denoiser conditional() { return conditional; }

    /** The label that asks the wrapped model for its unconditional prediction. */
    public int nullClass() { return nullClass; }

    /** The guidance scale w. */
    public double scale() { return scale; }

    /** The rescale mix φ (0 when off). */
    public double rescale() { return rescale; }

    /** The wrapped model's native target: the combination is computed in it (see the class comment). */
    @Override public Prediction target() { return conditional.target(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        int rows = x.rows();
        int[] labels = labels(conditioning, rows);
        int[] nulls = new int[rows];
        Arrays.fill(nulls, nullClass);
        if (scale == 1) return checked(conditional.predict(x, level, Conditioning.classes(labels)), x, rows); // g = c, rescale factor 1
        if (scale == 0 && rescale == 0) return checked(conditional.predict(x, level, Conditioning.classes(nulls)), x, rows);

        int[] both = Arrays.copyOf(labels, 2 * rows);
        System.arraycopy(nulls, 0, both, rows, rows);
        Tensor out = checked(conditional.predict(Tensor.stack(List.of(x, x)), level, Conditioning.classes(both)), x, 2 * rows);
        Tensor c = out.slice(0, rows), u = out.slice(rows, 2 * rows);
        Tensor guided = Tensor.combine(1 - scale, u, scale, c);   // ε_u + w (ε_c − ε_u): Ho & Salimans 2022, Eq. (6), w = 1 + w_paper
        return rescale == 0 ? guided : rescaled(guided, c);
    }

    // Lin et al. 2024, Eq. (15)–(16): x_rescaled = g · std(c)/std(g), out = φ x_rescaled + (1 − φ) g, per row
    private Tensor rescaled(Tensor guided, Tensor c) {
        int rows = guided.rows(), n = guided.rowSize();
        double[] out = guided.toArray();
        for (int r = 0; r < rows; r++) {
            double stdGuided = std(guided, r), stdConditional = std(c, r);
            if (stdGuided == 0) continue;   // nothing to rescale; avoids 0/0
            double factor = rescale * (stdConditional / stdGuided) + (1 - rescale);
            for (int j = 0; j < n; j++) out[r * n + j] *= factor;
        }
        return Tensor.of(guided.shape(), out);
    }

    // standard deviation of one row's values (divisor n; the factor is a ratio, so the divisor cancels)
    private static double std(Tensor t, int row) {
        int n = t.rowSize();
        double mean = 0;
        for (int j = 0; j < n; j++) mean += t.get(row, j);
        mean /= n;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            double d = t.get(row, j) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    private static int[] labels(Conditioning conditioning, int rows) {
        if (conditioning == null || conditioning.labels().isEmpty()) {
            throw new ConfigurationException("class", "classifier-free guidance needs class labels (Conditioning.classes), got "
                    + conditioning);
        }
        int[] given = conditioning.labels().get();
        if (given.length == rows) return given;
        if (given.length != 1) throw new ShapeMismatchException(given.length + " class labels for a batch of " + rows + " rows");
        int[] out = new int[rows];
        Arrays.fill(out, given[0]);
        return out;
    }

    private Tensor checked(Tensor out, Tensor x, int rows) {
        int[] expected = x.shape();
        expected[0] = rows;
        if (out == null || !Arrays.equals(out.shape(), expected)) {
            throw new ShapeMismatchException("denoiser " + conditional.getClass().getName() + " returned shape "
                    + (out == null ? "null" : Arrays.toString(out.shape())) + " for a batch of shape " + Arrays.toString(expected));
        }
        return out;
    }

    @Override public String toString() {
        return "ClassifierFreeGuidance[w=" + scale + (rescale == 0 ? "" : ", φ=" + rescale) + ", null class " + nullClass
                + ", " + conditional + "]";
    }
}
