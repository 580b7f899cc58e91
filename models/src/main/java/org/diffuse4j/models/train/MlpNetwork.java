package org.diffuse4j.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.models.card.ModelCard;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A multilayer perceptron for points: F(x, τ, label) with a sinusoidal embedding of τ (Vaswani et al. 2017,
 * §3.5, as in Ho et al. 2020) and a one-hot class input.
 *
 * <pre>
 *   e   = [sin(τ·scale·ω_i), cos(τ·scale·ω_i)],  ω_i = 10000^(−i/half), i = 0 … half−1
 *   h_1 = SiLU(x·W_x + sin·W_s + cos·W_c + onehot(label)·W_l + b_1)
 *   h_k = SiLU(h_{k−1}·W_k + b_k),  k = 2 … layers
 *   F   = h_layers·W_o + b_o
 * </pre>
 * The first layer is one matrix product of [x, e, onehot] written as a sum, so no concatenation is needed.
 *
 * @param dimension     d, values per example
 * @param hidden        width of the hidden layers
 * @param layers        number of hidden layers (≥ 1)
 * @param timeEmbedding size of e (even)
 * @param timeScale     scale applied to τ before the embedding (so that τ·scale spans about 0 … 1000)
 * @param labels        number of labels including a null class; 0 for an unconditional network
 */
public record MlpNetwork(int dimension, int hidden, int layers, int timeEmbedding, double timeScale, int labels)
        implements TrainableNetwork {
    public MlpNetwork {
        if (dimension < 1) throw new ConfigurationException("dimension", "must be at least 1, got " + dimension);
        if (hidden < 1) throw new ConfigurationException("hidden", "must be at least 1, got " + hidden);
        if (layers < 1) throw new ConfigurationException("layers", "must be at least 1, got " + layers);
        if (timeEmbedding < 2 || timeEmbedding % 2 != 0) {
            throw new ConfigurationException("time-embedding", "must be even and at least 2, got " + timeEmbedding);
        }
        if (!(timeScale > 0 && Double.isFinite(timeScale))) throw new ConfigurationException("time-scale", "must be positive, got " + timeScale);
        if (labels < 0) throw new ConfigurationException("labels", "must be ≥ 0, got " + labels);
    }

    /** Shapes of the parameters in order: W_x, W_s, W_c, [W_l], b_1, (W_k, b_k)…, W_o, b_o. */
    @Override public List<long[]> parameterShapes() {
        int half = timeEmbedding / 2;
        List<long[]> s = new ArrayList<>();
        s.add(new long[] {dimension, hidden});
        s.add(new long[] {half, hidden});
        s.add(new long[] {half, hidden});
        if (labels > 0) s.add(new long[] {labels, hidden});
        s.add(new long[] {hidden});
        for (int k = 1; k < layers; k++) {
            s.add(new long[] {hidden, hidden});
            s.add(new long[] {hidden});
        }
        s.add(new long[] {hidden, dimension});
        s.add(new long[] {dimension});
        return s;
    }

    /** Number of trainable scalars. */
    @Override public long parameterCount() {
        long n = 0;
        for (long[] s : parameterShapes()) {
            long m = 1;
            for (long v : s) m *= v;
            n += m;
        }
        return n;
    }

    /** LeCun-normal weights (N(0, 1/fan_in), fan_in of the whole first layer for its blocks) and zero biases. */
    @Override public NetworkWeights initialWeights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> shapes = parameterShapes();
        List<float[]> values = new ArrayList<>();
        int firstFanIn = dimension + timeEmbedding + labels;
        int matrix = 0;
        for (long[] s : shapes) {
            float[] v = new float[(int) (s.length == 1 ? s[0] : s[0] * s[1])];
            if (s.length == 2) {
                boolean firstLayer = matrix < (labels > 0 ? 4 : 3);
                double std = 1 / Math.sqrt(firstLayer ? firstFanIn : s[0]);
                for (int i = 0; i < v.length; i++) v[i] = (float) (std * rng.nextGaussian());
                matrix++;
            }
            values.add(v);
        }
        return new NetworkWeights(shapes, values);
    }

    /** The network's model-card description. */
    @Override public ModelCard.Network describe() {
        return new ModelCard.Network("mlp", hidden, layers, timeEmbedding, timeScale, parameterCount());
    }

    /**
     * Builds F in a graph.
     *
     * @param x      float32 [batch, d]
     * @param tau    float32 [batch]
     * @param label  int32 [batch], or null for an unconditional network
     * @param params the parameters in {@link #parameterShapes()} order (variables or constants)
     */
    @Override public Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, Operand<TFloat32> tau, Operand<TInt32> label,
                                     List<? extends Operand<TFloat32>> params) {
        Operand<TFloat32> arg = GraphOps.timeArgument(tf, tau, timeEmbedding, timeScale);   // [batch, half]
        int p = 0;
        Operand<TFloat32> h = tf.math.add(tf.linalg.matMul(x, params.get(p++)),
                tf.math.add(tf.linalg.matMul(tf.math.sin(arg), params.get(p++)), tf.linalg.matMul(tf.math.cos(arg), params.get(p++))));
        if (labels > 0) {
            if (label == null) throw new IllegalArgumentException("a conditional network needs a label input");
            Operand<TFloat32> oneHot = tf.oneHot(label, tf.constant(labels), tf.constant(1f), tf.constant(0f));
            h = tf.math.add(h, tf.linalg.matMul(oneHot, params.get(p++)));
        }
        h = GraphOps.silu(tf, tf.nn.biasAdd(h, params.get(p++)));
        for (int k = 1; k < layers; k++) {
            h = GraphOps.silu(tf, tf.nn.biasAdd(tf.linalg.matMul(h, params.get(p++)), params.get(p++)));
        }
        return tf.nn.biasAdd(tf.linalg.matMul(h, params.get(p++)), params.get(p));
    }
}
