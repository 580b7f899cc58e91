package org.diffuse4j.models.train;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.djl.TensorFlowEngine;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.framework.SavedModel;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a trained network as a SavedModel (tag {@code serve}) plus its model card. The exported graph is
 * the inference network alone, rebuilt by the same {@link TrainableNetwork#forward} with the weights as
 * constants: no optimiser state, no variables, nothing to restore. The input x and the output have shape
 * [batch, data shape…]; for a data shape of rank above 1 (images, [C, H, W]) the graph reshapes them to and from
 * the network's flat rows, which keep the same row-major order.
 */
public final class SavedModelExport {
    private SavedModelExport() {}

    /**
     * Rewrites saved_model.pb with deterministic protobuf serialisation (map entries sorted): TensorFlow writes
     * attribute maps in hash order, so the same weights would otherwise give different bytes on every export.
     */
    private static void canonicalise(Path pb) throws IOException {
        SavedModel model = SavedModel.parseFrom(Files.readAllBytes(pb));
        try (OutputStream out = Files.newOutputStream(pb)) {
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            coded.useDeterministicSerialization();
            model.writeTo(coded);
            coded.flush();
        }
    }

    /**
     * Exports into {@code dir} (which must not hold a SavedModel yet) with the card's signature names.
     *
     * @return the directory
     */
    public static Path export(Path dir, TrainableNetwork network, NetworkWeights weights, ModelCard card) {
        TensorFlowEngine.get();
        if (Files.exists(dir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException(dir + " already holds a saved_model.pb; choose an empty directory");
        }
        ModelCard.Signature names = card.signature();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            int d = network.dimension();
            List<Integer> dataShape = network.dataShape();
            long[] dims = new long[dataShape.size() + 1];
            dims[0] = -1;
            for (int i = 0; i < dataShape.size(); i++) dims[i + 1] = dataShape.get(i);
            Placeholder<TFloat32> x = tf.withName(names.x()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
            Placeholder<TFloat32> t = tf.withName(names.time()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Placeholder<TInt32> label = network.labels() > 0
                    ? tf.withName(names.label()).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
            List<Operand<TFloat32>> params = new ArrayList<>();
            for (int i = 0; i < weights.count(); i++) {
                params.add(tf.constant(Shape.of(weights.shape(i)), DataBuffers.of(weights.values(i), true, false)));
            }
            Operand<TFloat32> out;
            if (dataShape.size() == 1) {
                out = tf.withName(names.output()).identity(network.forward(tf, x, t, label, params));
            } else {
                Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, d}));
                out = tf.withName(names.output()).reshape(network.forward(tf, rows, t, label, params), tf.constant(dims));
            }
            Signature.Builder sig = Signature.builder().key(names.key()).input(names.x(), x).input(names.time(), t).output(names.output(), out);
            if (label != null) sig.input(names.label(), label);
            Files.createDirectories(dir);
            try (Session s = new Session(g)) {
                SavedModelBundle.exporter(dir.toString()).withSession(s).withFunction(SessionFunction.create(sig.build(), s)).export();
            }
            canonicalise(dir.resolve("saved_model.pb"));
            Path variables = dir.resolve("variables");   // the exporter leaves it empty: the weights are constants
            try (var entries = Files.list(variables)) {
                if (entries.findAny().isEmpty()) Files.delete(variables);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelCards.write(dir, card);
        return dir;
    }
}
