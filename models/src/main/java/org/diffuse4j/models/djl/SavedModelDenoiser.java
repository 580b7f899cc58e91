package org.diffuse4j.models.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SymbolBlock;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.ShapeMismatchException;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ModelDirectoryException;
import org.diffuse4j.models.card.Preconditioning;
import org.tensorflow.proto.framework.DataType;

/**
 * A TensorFlow SavedModel as a {@link Denoiser}, run through DJL's TensorFlow engine.
 *
 * <p>Per call: x (double, VP state x_t) is checked against the data shape in Java, converted to float32
 * (scaled by c_in/α under {@link Preconditioning}, i.e. c_in times the VE state y = x/α), the time input τ
 * is derived from the {@link NoiseLevel} by the configured {@link org.diffuse4j.models.card.TimeConditioning},
 * labels are resolved (the null class when none are given), and the batch is run in chunks of at most
 * {@link SavedModelConfig#chunkSize()} rows. Each chunk runs in its own sub-manager, so no NDArray outlives
 * the call; the output is copied into a double {@link Tensor} (under preconditioning,
 * x̂₀ = c_skip·y + c_out·F). Solver arithmetic never touches DJL.
 *
 * <p>Every check that can fail (shapes, labels, non-finite τ) runs before TensorFlow is called: a failing
 * TensorFlow op can leave the engine unusable for the rest of the JVM. Loading likewise checks the
 * directory with {@link SavedModelInspector} before handing it to TensorFlow.
 *
 * <p>Thread-safe: calls run concurrently (a TensorFlow session supports concurrent runs); {@link #close()}
 * waits for calls under way and later calls fail.
 */
public final class SavedModelDenoiser implements Denoiser, AutoCloseable {
    private final Path directory;
    private final SavedModelConfig config;
    private final Model model;
    private final SymbolBlock block;
    private final String[] inputOrder;     // signature input names in the order DJL feeds them
    private final int outputIndex;
    private final int[] dataShape;
    private final int rowSize;
    private final boolean scalarTime;
    private final boolean int64Labels;
    private final AtomicLong networkCalls = new AtomicLong();
    private final AtomicLong networkNanos = new AtomicLong();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private SavedModelDenoiser(Path directory, SavedModelConfig config, Model model, SymbolBlock block,
                               SavedModelInspector.Declared declared) {
        this.directory = directory;
        this.config = config;
        this.model = model;
        this.block = block;
        this.dataShape = config.dataShape();
        this.rowSize = Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
        this.scalarTime = declared.timeShape() != null && declared.timeShape().length == 0;
        this.int64Labels = declared.labelType() == DataType.DT_INT64;
        List<String> in = block.describeInput().keys();
        this.inputOrder = in.toArray(String[]::new);
        List<String> out = block.describeOutput().keys();
        this.outputIndex = out.indexOf(config.signature().output());
        if (outputIndex < 0) {
            close();
            throw new ModelDirectoryException(directory, "TensorFlow reports no output '" + config.signature().output() + "' (outputs: " + out + ")");
        }
    }

    /** Opens {@code dir} as its {@code diffuse4j.json} model card describes it. */
    public static SavedModelDenoiser open(Path dir) {
        ModelCard card = ModelCards.read(dir);
        return open(dir, SavedModelConfig.fromCard(card));
    }

    /**
     * Opens the SavedModel in {@code dir} with an explicit configuration (no model card needed).
     *
     * @throws ModelDirectoryException naming the path when the directory, saved_model.pb, the serve tag,
     *     the signature, one of its tensors or the variables are missing or do not fit {@code config}
     * @throws IllegalStateException when the TensorFlow engine is not on the class path
     */
    public static SavedModelDenoiser open(Path dir, SavedModelConfig config) {
        Path abs = dir.toAbsolutePath().normalize();
        SavedModelInspector.Declared declared = SavedModelInspector.inspect(abs, config);
        Engine engine = TensorFlowEngine.get();
        Model model = Model.newInstance(abs.getFileName().toString(), engine.getEngineName());
        try {
            model.load(abs, null, Map.of("SignatureDefKey", config.signature().key()));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelDirectoryException(abs, "TensorFlow could not load it: " + e.getMessage());
        }
        if (!(model.getBlock() instanceof SymbolBlock block)) {
            model.close();
            throw new ModelDirectoryException(abs, "DJL did not load a symbolic graph");
        }
        return new SavedModelDenoiser(abs, config, model, block, declared);
    }

    @Override public Prediction target() { return config.target(); }

    /** The configuration in use. */
    public SavedModelConfig config() { return config; }

    /** The model directory (absolute). */
    public Path directory() { return directory; }

    /**
     * NDArrays currently attached to the model's manager or any manager below it: 0 between calls, since
     * each call closes its sub-manager (a diagnostic for leaks).
     */
    public int attachedArrays() {
        return model.getNDManager() instanceof BaseNDManager m ? m.getManagedArrays().size() : 0;
    }

    /** How many times TensorFlow has been run (one per chunk). */
    public long networkCalls() { return networkCalls.get(); }

    /**
     * Wall time spent in TensorFlow calls, summed over calls and threads, in nanoseconds: from creating a chunk's
     * input tensors to reading its output and freeing them. The rest of {@link #predict} (shape and label
     * checks, double↔float copies) and everything around it is diffuse4j's overhead (a diagnostic for benchmarks).
     */
    public long networkNanos() { return networkNanos.get(); }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        int rows = checkShape(x);
        int[] labels = labels(conditioning == null ? Conditioning.NONE : conditioning, rows);
        double tau = config.time().value(level);
        Preconditioning pre = config.preconditioning();
        double inScale = 1;
        double s = Double.NaN;
        if (pre != null) {
            s = level.sigmaVe();
            if (level.alpha() == 0 || !Double.isFinite(s)) {
                throw new ConfigurationException("preconditioning", "needs α > 0; got α = " + level.alpha() + " at t = " + level.t());
            }
            inScale = pre.cIn(s) / level.alpha();        // c_in · y with y = x/α
        }
        double[] out = new double[x.size()];            // x is read in place: no copy of the batch besides the float32 input
        lifecycle.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("model " + directory + " is closed");
            int chunk = config.chunkSize();
            for (int from = 0; from < rows; from += chunk) {
                int to = Math.min(rows, from + chunk);
                float[] f = run(x, from, to, inScale, (float) tau, labels);
                for (int i = 0; i < f.length; i++) out[from * rowSize + i] = f[i];
            }
        } finally {
            lifecycle.readLock().unlock();
        }
        if (pre != null) {
            double skip = pre.cSkip(s) / level.alpha(), cOut = pre.cOut(s);
            for (int i = 0; i < out.length; i++) out[i] = skip * x.get(i) + cOut * out[i];   // D = c_skip·y + c_out·F
        }
        return Tensor.of(x.shape(), out);
    }

    /** Rows of the batch, after checking x has shape [batch, dataShape…]. */
    private int checkShape(Tensor x) {
        int[] shape = x.shape();
        boolean ok = shape.length == dataShape.length + 1;
        for (int i = 0; ok && i < dataShape.length; i++) ok = shape[i + 1] == dataShape[i];
        if (!ok) {
            throw new ShapeMismatchException("model " + directory.getFileName() + " expects x of shape [batch, "
                    + Arrays.toString(dataShape).substring(1) + "; got " + Arrays.toString(shape));
        }
        return shape[0];
    }

    /** One label per row (the null class where none is given), checked against the model's classes; null if unconditional. */
    private int[] labels(Conditioning conditioning, int rows) {
        if (conditioning.embedding().isPresent()) {
            throw new ConfigurationException("conditioning", "model " + directory.getFileName() + " takes no embedding conditioning");
        }
        ModelCard.ClassConditioning classes = config.conditioning();
        var given = conditioning.labels();
        if (classes == null) {
            if (given.isPresent()) {
                throw new ConfigurationException("class", "model " + directory.getFileName() + " is unconditional; got class labels "
                        + Arrays.toString(given.get()));
            }
            return null;
        }
        int[] out = new int[rows];
        if (given.isEmpty()) {
            if (classes.nullClass() == null) {
                throw new ConfigurationException("class", "model " + directory.getFileName() + " is conditioned on " + classes.numClasses()
                        + " classes and has no null class; pass a label");
            }
            Arrays.fill(out, classes.nullClass());
            return out;
        }
        int[] l = given.get();
        if (l.length != 1 && l.length != rows) {
            throw new ShapeMismatchException("conditioning has " + l.length + " labels for a batch of " + rows + " rows (expected 1 or " + rows + ")");
        }
        for (int i = 0; i < rows; i++) {
            int label = l.length == 1 ? l[0] : l[i];
            boolean real = label >= 0 && label < classes.numClasses();
            if (!real && (classes.nullClass() == null || label != classes.nullClass())) {
                throw new ConfigurationException("class", "label " + label + " is outside 0 … " + (classes.numClasses() - 1)
                        + (classes.nullClass() == null ? "" : " (null class " + classes.nullClass() + ")"));
            }
            out[i] = label;
        }
        return out;
    }

    /** Runs rows [from, to) through the network in one scoped TensorFlow call; returns F as float32. */
    private float[] run(Tensor x, int from, int to, double inScale, float tau, int[] labels) {
        int rows = to - from;
        float[] xf = new float[rows * rowSize];
        int offset = from * rowSize;
        for (int i = 0; i < xf.length; i++) xf[i] = (float) (inScale * x.get(offset + i));
        long[] xDims = new long[dataShape.length + 1];
        xDims[0] = rows;
        for (int i = 0; i < dataShape.length; i++) xDims[i + 1] = dataShape[i];
        long start = System.nanoTime();
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray[] in = new NDArray[inputOrder.length];
            for (int i = 0; i < in.length; i++) {
                String name = inputOrder[i];
                NDArray a;
                if (name.equals(config.signature().x())) {
                    a = call.create(xf, new Shape(xDims));
                } else if (name.equals(config.signature().time())) {
                    if (scalarTime) {
                        a = call.create(tau);
                    } else {
                        float[] t = new float[rows];
                        Arrays.fill(t, tau);
                        a = call.create(t);
                    }
                } else {
                    int[] l = Arrays.copyOfRange(labels, from, to);
                    a = int64Labels ? call.create(Arrays.stream(l).asLongStream().toArray()) : call.create(l);
                }
                a.setName(name);
                in[i] = a;
            }
            networkCalls.incrementAndGet();
            NDList out = block.forward(new ParameterStore(call, false), new NDList(in), false);
            NDArray y = out.get(outputIndex);
            long[] got = y.getShape().getShape();
            if (!Arrays.equals(got, xDims)) {
                throw new ShapeMismatchException("model " + directory.getFileName() + " returned shape " + Arrays.toString(got)
                        + " for input shape " + Arrays.toString(xDims));
            }
            return y.toFloatArray();
        } finally {
            networkNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /** Releases the TensorFlow session; waits for calls under way. Idempotent. */
    @Override public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override public String toString() {
        return "SavedModelDenoiser[" + directory + ", " + config + "]";
    }
}
