package org.diffuse4j.models.train;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.models.djl.TensorFlowEngine;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training graph of a {@link TrainableNetwork}: pred = skip + cOut·F(xIn, τ, label), loss = mean over the
 * batch of weight·mean_j (pred_j − y_j)², gradients by {@code tf.gradients}, Adam (Kingma &amp; Ba 2015,
 * Alg. 1, β₁ = 0.9, β₂ = 0.999, ε = 1e−8) by {@code ApplyAdam}, and optionally an exponential moving
 * average θ⁻ ← μ θ⁻ + (1 − μ) θ of the weights.
 *
 * <p>Determinism: every input is fed from Java; each Adam update has control dependencies on all
 * gradients (so no update races a gradient that still reads the old weights), and the EMA update — including
 * its reads of the weights — on all Adam updates. Not thread-safe; owns a TensorFlow graph and session, so close it.
 */
public final class Trainer implements AutoCloseable {
    private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPSILON = 1e-8f;

    private final TrainableNetwork network;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> xIn, tau, skip, cOut, y, weight, learningRate, beta1Power, beta2Power;
    private final Placeholder<TInt32> label;
    private final List<Variable<TFloat32>> params = new ArrayList<>();
    private final List<Variable<TFloat32>> ema = new ArrayList<>();
    private final Operand<TFloat32> f, fEma, loss;
    private final Op train;
    private int steps;

    /**
     * @param network  the architecture
     * @param initial  the initial weights (e.g. {@link TrainableNetwork#initialWeights(long)})
     * @param emaDecay μ of the weight EMA, in [0, 1); NaN for none
     */
    public Trainer(TrainableNetwork network, NetworkWeights initial, double emaDecay) {
        TensorFlowEngine.get();   // loads the natives the graph API binds to
        this.network = network;
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        int d = network.dimension();
        xIn = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
        tau = tf.withName("t").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        label = network.labels() > 0 ? tf.withName("label").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
        skip = tf.withName("skip").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
        cOut = tf.withName("c_out").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
        weight = tf.withName("weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        List<long[]> shapes = network.parameterShapes();
        if (initial.count() != shapes.size()) {
            throw new IllegalArgumentException("initial weights have " + initial.count() + " tensors; the network needs " + shapes.size());
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (!java.util.Arrays.equals(initial.shape(i), shapes.get(i))) {
                throw new IllegalArgumentException("initial weight " + i + " has shape " + java.util.Arrays.toString(initial.shape(i))
                        + "; the network needs " + java.util.Arrays.toString(shapes.get(i)));
            }
            params.add(tf.withName("param_" + i).variable(constant(tf, initial.shape(i), initial.values(i))));
        }
        f = tf.withName("f").identity(network.forward(tf, xIn, tau, label, params));
        Operand<TFloat32> pred = tf.math.add(skip, tf.math.mul(cOut, f));
        Operand<TFloat32> perExample = tf.math.mean(tf.math.square(tf.math.sub(pred, y)), tf.constant(1));
        loss = tf.withName("loss").math.mean(tf.math.mul(weight, perExample), tf.constant(0));

        Gradients grads = tf.gradients(loss, params);
        List<Op> gradientOps = new ArrayList<>();
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Operand<TFloat32> g = tf.identity(grads.<TFloat32>dy(i));
            gradients.add(g);
            gradientOps.add((Op) g);
        }
        Ops afterGradients = tf.withControlDependencies(gradientOps);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Variable<TFloat32> p = params.get(i);
            Variable<TFloat32> m = tf.variable(tf.zerosLike(p));
            Variable<TFloat32> v = tf.variable(tf.zerosLike(p));
            updates.add(afterGradients.train.applyAdam(p, m, v, beta1Power, beta2Power, learningRate,
                    tf.constant(BETA1), tf.constant(BETA2), tf.constant(EPSILON), gradients.get(i)));
        }
        if (Double.isNaN(emaDecay)) {
            fEma = null;
            train = tf.withControlDependencies(updates).noOp();
        } else {
            if (!(emaDecay >= 0 && emaDecay < 1)) throw new IllegalArgumentException("EMA rate must lie in [0, 1), got " + emaDecay);
            for (int i = 0; i < params.size(); i++) {
                ema.add(tf.withName("ema_" + i).variable(constant(tf, initial.shape(i), initial.values(i))));
            }
            fEma = tf.withName("f_ema").identity(network.forward(tf, xIn, tau, label, ema));
            Ops afterUpdates = tf.withControlDependencies(updates);
            List<Op> emaUpdates = new ArrayList<>();
            Operand<TFloat32> mu = tf.constant((float) emaDecay), oneMinusMu = tf.constant((float) (1 - emaDecay));
            for (int i = 0; i < params.size(); i++) {
                // the reads of θ are built under the control dependencies too: a read scheduled before its Adam update
                // would make the EMA (and everything trained against it) depend on thread timing
                emaUpdates.add(afterUpdates.assign(ema.get(i), afterUpdates.math.add(afterUpdates.math.mul(mu, ema.get(i)),
                        afterUpdates.math.mul(oneMinusMu, params.get(i)))));
            }
            train = tf.withControlDependencies(emaUpdates).noOp();
        }
        session = new Session(graph);
        session.initialize();
    }

    private static Operand<TFloat32> constant(Ops tf, long[] shape, float[] values) {
        return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    /** The architecture. */
    public TrainableNetwork network() { return network; }

    /** Optimiser steps taken. */
    public int steps() { return steps; }

    /** One Adam step at {@code lr}; returns the loss before the update. */
    public double step(TrainingBatch b, double lr) {
        steps++;
        int d = network.dimension();
        try (TFloat32 tx = matrix(b.xIn(), b.rows(), d); TFloat32 tt = TFloat32.vectorOf(b.tau());
             TInt32 tl = b.labels() == null ? null : TInt32.vectorOf(b.labels());
             TFloat32 ts = matrix(b.skip(), b.rows(), d); TFloat32 tc = matrix(b.cOut(), b.rows(), 1);
             TFloat32 ty = matrix(b.y(), b.rows(), d); TFloat32 tw = TFloat32.vectorOf(b.weight());
             TFloat32 tlr = TFloat32.scalarOf((float) lr);
             TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(BETA1, steps)); TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(BETA2, steps))) {
            Session.Runner r = session.runner().feed(xIn, tx).feed(tau, tt).feed(skip, ts).feed(cOut, tc).feed(y, ty).feed(weight, tw)
                    .feed(learningRate, tlr).feed(beta1Power, p1).feed(beta2Power, p2).addTarget(train).fetch(loss);
            if (label != null) r.feed(label, requireLabels(tl));
            try (Result res = r.run()) {
                return ((TFloat32) res.get(0)).getFloat();
            }
        }
    }

    /** F(xIn, τ, label) with the current weights: rows × d, row-major. */
    public float[] forward(float[] x, float[] t, int[] labels) { return run(f, x, t, labels); }

    /** F with the EMA weights θ⁻. */
    public float[] forwardEma(float[] x, float[] t, int[] labels) {
        if (fEma == null) throw new IllegalStateException("this trainer keeps no EMA weights");
        return run(fEma, x, t, labels);
    }

    private float[] run(Operand<TFloat32> output, float[] x, float[] t, int[] labels) {
        int d = network.dimension();
        int rows = t.length;
        if (x.length != rows * d) throw new IllegalArgumentException(x.length + " input values for " + rows + " rows of " + d);
        try (TFloat32 tx = matrix(x, rows, d); TFloat32 tt = TFloat32.vectorOf(t); TInt32 tl = labels == null ? null : TInt32.vectorOf(labels)) {
            Session.Runner r = session.runner().feed(xIn, tx).feed(tau, tt).fetch(output);
            if (label != null) r.feed(label, requireLabels(tl));
            try (Result res = r.run()) {
                float[] out = new float[rows * d];
                ((TFloat32) res.get(0)).read(DataBuffers.of(out, false, false));
                return out;
            }
        }
    }

    private static TInt32 requireLabels(TInt32 labels) {
        if (labels == null) throw new IllegalArgumentException("a conditional network needs labels");
        return labels;
    }

    /** The current weights. */
    public NetworkWeights weights() { return read(params); }

    /** The EMA weights θ⁻. */
    public NetworkWeights emaWeights() {
        if (ema.isEmpty()) throw new IllegalStateException("this trainer keeps no EMA weights");
        return read(ema);
    }

    private NetworkWeights read(List<Variable<TFloat32>> vars) {
        Session.Runner r = session.runner();
        vars.forEach(r::fetch);
        List<long[]> shapes = network.parameterShapes();
        List<float[]> values = new ArrayList<>();
        try (Result res = r.run()) {
            for (int i = 0; i < vars.size(); i++) {
                long[] s = shapes.get(i);
                float[] v = new float[(int) java.util.Arrays.stream(s).reduce(1, (a, b) -> a * b)];
                ((TFloat32) res.get(i)).read(DataBuffers.of(v, false, false));
                values.add(v);
            }
        }
        return new NetworkWeights(shapes, values);
    }

    private static TFloat32 matrix(float[] values, int rows, int cols) {
        return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(values, true, false));
    }

    @Override public void close() {
        session.close();
        graph.close();
    }
}
