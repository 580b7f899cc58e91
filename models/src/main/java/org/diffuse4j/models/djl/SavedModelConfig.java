package org.diffuse4j.models.djl;

import java.util.Arrays;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.TimeConditioning;

/**
 * How {@link SavedModelDenoiser} talks to a SavedModel: what the network predicts, how its time input is
 * derived, optional EDM preconditioning, the data shape, the signature's names, class conditioning and
 * the largest batch handed to TensorFlow in one call.
 *
 * @param target          the network's native prediction (with preconditioning: {@link Prediction#DATA})
 * @param time            the time-conditioning convention
 * @param preconditioning EDM/consistency preconditioning, or null
 * @param dataShape       shape of one sample (no batch axis)
 * @param signature       signature key and tensor names
 * @param conditioning    class conditioning, or null for an unconditional model
 * @param chunkSize       rows per TensorFlow call; larger batches are split
 */
public record SavedModelConfig(Prediction target, TimeConditioning time, Preconditioning preconditioning, int[] dataShape,
                               ModelCard.Signature signature, ModelCard.ClassConditioning conditioning, int chunkSize) {
    /** Rows per TensorFlow call unless configured. */
    public static final int DEFAULT_CHUNK_SIZE = 4096;

    public SavedModelConfig {
        if (target == null) throw new ConfigurationException("prediction", "is required");
        if (time == null) throw new ConfigurationException("time_conditioning", "is required");
        if (dataShape == null || dataShape.length == 0) throw new ConfigurationException("data_shape", "is required");
        for (int n : dataShape) {
            if (n < 1) throw new ConfigurationException("data_shape", "every axis must be positive, got " + Arrays.toString(dataShape));
        }
        dataShape = dataShape.clone();
        if (signature == null) signature = ModelCard.Signature.DEFAULT;
        if (preconditioning != null && target != Prediction.DATA) {
            throw new ConfigurationException("preconditioning", "needs prediction 'data', got '" + target.id() + "'");
        }
        if (conditioning != null && signature.label() == null) {
            throw new ConfigurationException("signature.label", "a class-conditional model needs its label input name");
        }
        if (chunkSize < 1) throw new ConfigurationException("chunk_size", "must be at least 1, got " + chunkSize);
    }

    /** An unconditional model with the default signature (inputs x, t; output out) and no preconditioning. */
    public static SavedModelConfig of(Prediction target, TimeConditioning time, int... dataShape) {
        return new SavedModelConfig(target, time, null, dataShape, ModelCard.Signature.DEFAULT, null, DEFAULT_CHUNK_SIZE);
    }

    /** The configuration a model card describes. */
    public static SavedModelConfig fromCard(ModelCard card) {
        return new SavedModelConfig(card.target(), card.timeConditioning(), card.preconditioning(), card.shape(),
                card.signature(), card.conditioning(), DEFAULT_CHUNK_SIZE);
    }

    @Override public int[] dataShape() { return dataShape.clone(); }

    public SavedModelConfig withChunkSize(int n) {
        return new SavedModelConfig(target, time, preconditioning, dataShape, signature, conditioning, n);
    }

    public SavedModelConfig withSignature(ModelCard.Signature s) {
        return new SavedModelConfig(target, time, preconditioning, dataShape, s, conditioning, chunkSize);
    }

    public SavedModelConfig withPreconditioning(Preconditioning p) {
        return new SavedModelConfig(target, time, p, dataShape, signature, conditioning, chunkSize);
    }

    public SavedModelConfig withConditioning(ModelCard.ClassConditioning c) {
        return new SavedModelConfig(target, time, preconditioning, dataShape, signature, c, chunkSize);
    }

    @Override public boolean equals(Object o) {
        return o instanceof SavedModelConfig c && target == c.target && time == c.time
                && java.util.Objects.equals(preconditioning, c.preconditioning) && Arrays.equals(dataShape, c.dataShape)
                && signature.equals(c.signature) && java.util.Objects.equals(conditioning, c.conditioning) && chunkSize == c.chunkSize;
    }

    @Override public int hashCode() {
        return java.util.Objects.hash(target, time, preconditioning, Arrays.hashCode(dataShape), signature, conditioning, chunkSize);
    }

    @Override public String toString() {
        return "SavedModelConfig[target=" + target.id() + ", time=" + time.id() + ", preconditioning=" + preconditioning
                + ", dataShape=" + Arrays.toString(dataShape) + ", signature=" + signature + ", conditioning=" + conditioning
                + ", chunkSize=" + chunkSize + "]";
    }
}
