package org.diffuse4j.models.train;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Graph pieces the networks share. */
final class GraphOps {
    private GraphOps() {}

    /**
     * The argument of the sinusoidal time embedding (Vaswani et al. 2017, §3.5, as in Ho et al. 2020):
     * τ·scale·ω_i with ω_i = 10000^(−i/half), i = 0 … half−1, as float32 [batch, half]; the embedding is
     * [sin, cos] of it.
     */
    static Operand<TFloat32> timeArgument(Ops tf, Operand<TFloat32> tau, int timeEmbedding, double timeScale) {
        int half = timeEmbedding / 2;
        float[] omega = new float[half];
        for (int i = 0; i < half; i++) omega[i] = (float) (timeScale * Math.exp(-Math.log(10000.0) * i / half));
        return tf.linalg.matMul(tf.expandDims(tau, tf.constant(-1)),
                tf.constant(Shape.of(1, half), DataBuffers.of(omega, true, false)));        // [batch, half]
    }

    /** SiLU(z) = z·sigmoid(z) (Elfwing et al. 2018). */
    static Operand<TFloat32> silu(Ops tf, Operand<TFloat32> z) {
        return tf.math.mul(z, tf.math.sigmoid(z));
    }
}
