package org.diffuse4j.models.djl;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.diffuse4j.models.card.ModelDirectoryException;
import org.tensorflow.proto.framework.DataType;
import org.tensorflow.proto.framework.MetaGraphDef;
import org.tensorflow.proto.framework.NodeDef;
import org.tensorflow.proto.framework.SavedModel;
import org.tensorflow.proto.framework.SignatureDef;
import org.tensorflow.proto.framework.TensorInfo;
import org.tensorflow.proto.framework.TensorShapeProto;

/**
 * Checks a SavedModel directory against a {@link SavedModelConfig} in plain Java (protobuf parsing only),
 * before TensorFlow sees it: a failed TensorFlow call can leave the engine unusable for the rest of the
 * JVM, so every problem that can be found here is reported here, naming the path and what is missing.
 */
final class SavedModelInspector {
    static final String SERVE_TAG = "serve";

    /** What the signature declares: dtype and shape (−1 for unknown) of each tensor the config uses. */
    record Declared(DataType xType, long[] xShape, DataType timeType, long[] timeShape, DataType labelType) {}

    private SavedModelInspector() {}

    static Declared inspect(Path dir, SavedModelConfig config) {
        if (!Files.exists(dir)) throw new ModelDirectoryException(dir, "no such directory");
        if (!Files.isDirectory(dir)) throw new ModelDirectoryException(dir, "is not a directory");
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            throw new ModelDirectoryException(dir, "no saved_model.pb (not a TensorFlow SavedModel directory)");
        }
        SavedModel saved;
        try {
            saved = SavedModel.parseFrom(Files.readAllBytes(pb));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelDirectoryException(pb, "is not a SavedModel protocol buffer (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelDirectoryException(pb, "cannot be read: " + e.getMessage());
        }
        MetaGraphDef meta = null;
        List<String> tagSets = new ArrayList<>();
        for (MetaGraphDef m : saved.getMetaGraphsList()) {
            tagSets.add(m.getMetaInfoDef().getTagsList().toString());
            if (m.getMetaInfoDef().getTagsList().contains(SERVE_TAG)) meta = m;
        }
        if (meta == null) {
            throw new ModelDirectoryException(pb, "no meta graph tagged '" + SERVE_TAG + "' (tag sets found: " + tagSets + ")");
        }
        String key = config.signature().key();
        Map<String, SignatureDef> signatures = meta.getSignatureDefMap();
        SignatureDef sig = signatures.get(key);
        if (sig == null) {
            throw new ModelDirectoryException(pb, "no signature '" + key + "' (signatures: " + new TreeSet<>(signatures.keySet()) + ")");
        }
        checkVariables(dir, meta);

        Map<String, TensorInfo> inputs = sig.getInputsMap();
        TreeSet<String> expected = new TreeSet<>(List.of(config.signature().x(), config.signature().time()));
        if (config.conditioning() != null) expected.add(config.signature().label());
        for (String name : expected) {
            if (!inputs.containsKey(name)) {
                throw new ModelDirectoryException(pb, "signature '" + key + "' has no input '" + name + "' (inputs: "
                        + new TreeSet<>(inputs.keySet()) + ")");
            }
        }
        for (String name : inputs.keySet()) {
            if (!expected.contains(name)) {
                throw new ModelDirectoryException(pb, "signature '" + key + "' has an input '" + name + "' that the configuration gives no"
                        + " role (x = '" + config.signature().x() + "', time = '" + config.signature().time() + "', label = "
                        + (config.signature().label() == null ? "none" : "'" + config.signature().label() + "'") + ")");
            }
        }
        TensorInfo out = sig.getOutputsMap().get(config.signature().output());
        if (out == null) {
            throw new ModelDirectoryException(pb, "signature '" + key + "' has no output '" + config.signature().output() + "' (outputs: "
                    + new TreeSet<>(sig.getOutputsMap().keySet()) + ")");
        }
        TensorInfo x = inputs.get(config.signature().x());
        TensorInfo t = inputs.get(config.signature().time());
        requireType(pb, "input", config.signature().x(), x, DataType.DT_FLOAT);
        requireType(pb, "input", config.signature().time(), t, DataType.DT_FLOAT);
        requireType(pb, "output", config.signature().output(), out, DataType.DT_FLOAT);
        long[] xShape = dims(x);
        checkSampleShape(pb, "input", config.signature().x(), xShape, config.dataShape());
        checkSampleShape(pb, "output", config.signature().output(), dims(out), config.dataShape());
        long[] tShape = dims(t);
        if (tShape != null && tShape.length > 1) {
            throw new ModelDirectoryException(pb, "time input '" + config.signature().time() + "' must be a scalar or a vector [batch]; it is "
                    + Arrays.toString(tShape));
        }
        DataType labelType = null;
        if (config.conditioning() != null) {
            TensorInfo l = inputs.get(config.signature().label());
            labelType = l.getDtype();
            if (labelType != DataType.DT_INT32 && labelType != DataType.DT_INT64) {
                throw new ModelDirectoryException(pb, "label input '" + config.signature().label() + "' has type " + labelType
                        + "; expected DT_INT32 or DT_INT64");
            }
        }
        return new Declared(x.getDtype(), xShape, t.getDtype(), tShape, labelType);
    }

    private static void checkVariables(Path dir, MetaGraphDef meta) {
        long variables = 0;
        for (NodeDef n : meta.getGraphDef().getNodeList()) {
            String op = n.getOp();
            if (op.equals("VariableV2") || op.equals("VarHandleOp") || op.equals("Variable")) variables++;
        }
        if (variables > 0 && !Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))) {
            throw new ModelDirectoryException(dir, "no variables/variables.index, but the graph has " + variables + " variables");
        }
    }

    private static void requireType(Path pb, String role, String name, TensorInfo info, DataType type) {
        if (info.getDtype() != type) {
            throw new ModelDirectoryException(pb, role + " '" + name + "' has type " + info.getDtype() + "; expected " + type + " (float32)");
        }
    }

    /** Dimensions, −1 where unknown; null for unknown rank. */
    private static long[] dims(TensorInfo info) {
        TensorShapeProto s = info.getTensorShape();
        if (s.getUnknownRank()) return null;
        return s.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }

    private static void checkSampleShape(Path pb, String role, String name, long[] declared, int[] dataShape) {
        if (declared == null) return;
        boolean ok = declared.length == dataShape.length + 1;
        for (int i = 0; ok && i < dataShape.length; i++) ok = declared[i + 1] < 0 || declared[i + 1] == dataShape[i];
        if (!ok) {
            throw new ModelDirectoryException(pb, role + " '" + name + "' has shape " + shapeString(declared) + " but the model card says "
                    + "[batch, " + Arrays.toString(dataShape).replace("[", ""));
        }
    }

    static String shapeString(long[] dims) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) b.append(i == 0 ? "" : ", ").append(dims[i] < 0 ? "?" : String.valueOf(dims[i]));
        return b.append(']').toString();
    }
}
