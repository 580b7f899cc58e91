package org.diffuse4j.models.card;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.predict.Prediction;

/**
 * The {@code diffuse4j.json} sidecar of a SavedModel directory: everything needed to sample the model
 * without further flags, and a record of how it was made. See {@link ModelCards} for reading and writing.
 *
 * @param format            {@value #FORMAT}
 * @param name              short name (the shipped models use it as their directory name)
 * @param description       one line for humans (may be null)
 * @param schedule          the training schedule
 * @param prediction        the network's native target: epsilon, data, v, score or velocity
 * @param timeConditioning  how the network's time input is derived from the noise level
 * @param preconditioning   EDM/consistency preconditioning, or null when the network output is the target itself
 * @param dataShape         the shape of one sample (without the batch axis), e.g. [2]
 * @param signature         signature key and input/output names inside the SavedModel
 * @param conditioning      class conditioning, or null for an unconditional model
 * @param data              what the model was trained on (a problem name or a file), or null
 * @param training          how it was trained, or null for a model made elsewhere
 * @param figures           training figures, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(String format, String name, String description, ScheduleSpec schedule, String prediction,
                        TimeConditioning timeConditioning, Preconditioning preconditioning, List<Integer> dataShape,
                        Signature signature, ClassConditioning conditioning, DataSource data, Training training,
                        Figures figures) {
    /** The format tag this version reads and writes. */
    public static final String FORMAT = "diffuse4j-model/1";

    public ModelCard {
        if (format == null) format = FORMAT;
        if (!format.equals(FORMAT)) throw new ConfigurationException("format", "'" + format + "' is not supported; expected " + FORMAT);
        if (schedule == null) throw new ConfigurationException("schedule", "is required");
        if (prediction == null) throw new ConfigurationException("prediction", "is required");
        Prediction target = Prediction.parse(prediction);
        prediction = target.id();
        if (timeConditioning == null) throw new ConfigurationException("time_conditioning", "is required");
        if (dataShape == null || dataShape.isEmpty()) throw new ConfigurationException("data_shape", "is required, e.g. [2]");
        for (Integer n : dataShape) {
            if (n == null || n < 1) throw new ConfigurationException("data_shape", "every axis must be a positive integer, got " + dataShape);
        }
        dataShape = List.copyOf(dataShape);
        if (signature == null) signature = Signature.DEFAULT;
        if (preconditioning != null && target != Prediction.DATA) {
            throw new ConfigurationException("preconditioning", "a preconditioned network is a denoiser; prediction must be 'data', got '"
                    + prediction + "'");
        }
        if (conditioning != null && signature.label() == null) {
            throw new ConfigurationException("signature.label", "a class-conditional model needs the name of its label input");
        }
    }

    /** The native prediction target. */
    @JsonIgnore public Prediction target() { return Prediction.parse(prediction); }

    /** The data shape as an array. */
    @JsonIgnore public int[] shape() { return dataShape.stream().mapToInt(Integer::intValue).toArray(); }

    public ModelCard withTraining(Training t) {
        return new ModelCard(format, name, description, schedule, prediction, timeConditioning, preconditioning, dataShape,
                signature, conditioning, data, t, figures);
    }

    public ModelCard withFigures(Figures f) {
        return new ModelCard(format, name, description, schedule, prediction, timeConditioning, preconditioning, dataShape,
                signature, conditioning, data, training, f);
    }

    /**
     * Where the tensors live in the SavedModel: the signature key and the signature's input/output names.
     *
     * @param key    signature key (serving_default)
     * @param x      input of the (scaled) state, float32 [batch, data_shape…]
     * @param time   input of τ, float32 [batch]
     * @param label  input of the class label, int32 [batch], or null
     * @param output the network output, float32 [batch, data_shape…]
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signature(String key, String x, String time, String label, String output) {
        /** serving_default with inputs x, t and output out. */
        public static final Signature DEFAULT = new Signature("serving_default", "x", "t", null, "out");

        public Signature {
            if (key == null) key = "serving_default";
            if (x == null) x = "x";
            if (time == null) time = "t";
            if (output == null) output = "out";
        }

        public Signature withLabel(String newLabel) { return new Signature(key, x, time, newLabel, output); }
    }

    /**
     * Class conditioning.
     *
     * @param numClasses number of real classes, labelled 0 … numClasses − 1
     * @param nullClass  the label meaning "no class" (classifier-free guidance), or null when there is none
     * @param meaning    what a label is, for humans (e.g. "mixture component index")
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClassConditioning(int numClasses, Integer nullClass, String meaning) {
        public ClassConditioning {
            if (numClasses < 1) throw new ConfigurationException("conditioning.num_classes", "must be at least 1, got " + numClasses);
            if (nullClass != null && nullClass < numClasses) {
                throw new ConfigurationException("conditioning.null_class", "must not be one of the real classes 0 … "
                        + (numClasses - 1) + ", got " + nullClass);
            }
        }

        /** Labels the network accepts: 0 … numClasses − 1 and the null class. */
        public int labelCount() { return nullClass == null ? numClasses : nullClass + 1; }
    }

    /**
     * The training data: a problem the CLI knows by name (gmm2d-ring, gmm16) or a file.
     *
     * @param problem problem name, or null
     * @param file    a CSV file of points, or null
     * @param rows    number of rows in the file, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSource(String problem, String file, Integer rows) {}

    /**
     * How the model was trained. Every field but {@code command} may be null.
     *
     * @param command        the command line that reproduces the model
     * @param seed           the seed of all data, noise and time draws and of the initial weights
     * @param steps          optimiser steps
     * @param batchSize      rows per step
     * @param objective      epsilon, data, v, score, velocity or consistency
     * @param weighting      uniform, snr, min-snr or truncated-snr
     * @param snrGamma       γ of min-SNR-γ
     * @param timeSampling   discrete-uniform, uniform or logit-normal
     * @param learningRate   Adam's peak learning rate
     * @param lrSchedule     constant or cosine
     * @param labelDropout   probability of replacing the label by the null class
     * @param network        the architecture
     * @param teacher        the teacher of a distilled model, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(String command, Long seed, Integer steps, Integer batchSize, String objective, String weighting,
                           Double snrGamma, String timeSampling, Double learningRate, String lrSchedule, Double labelDropout,
                           Network network, Teacher teacher) {
        /** The objective of a consistency-distilled model. */
        public static final String CONSISTENCY = "consistency";

        /** Whether this trained a consistency model, which a consistency sampler samples (not a diffusion solver). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean consistencyModel() { return CONSISTENCY.equals(objective); }
    }

    /**
     * The network: an MLP on [x, sinusoidal embedding of τ·time_scale, one-hot label], or a convolutional U-Net
     * for images with the same time and label inputs.
     *
     * @param kind          "mlp" or "unet"
     * @param hidden        width of the hidden layers (U-Net: channels at full resolution)
     * @param layers        number of hidden layers (U-Net: number of resolutions)
     * @param timeEmbedding size of the sinusoidal embedding (sin and cos halves)
     * @param timeScale     factor applied to τ before the embedding
     * @param parameters    number of trainable parameters
     * @param channels      U-Net: channels per resolution, full resolution first; null for an MLP
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(String kind, int hidden, int layers, int timeEmbedding, double timeScale, Long parameters,
                          List<Integer> channels) {
        public Network {
            if (channels != null) channels = List.copyOf(channels);
        }

        /** An MLP's description (no per-resolution channels). */
        public Network(String kind, int hidden, int layers, int timeEmbedding, double timeScale, Long parameters) {
            this(kind, hidden, layers, timeEmbedding, timeScale, parameters, null);
        }
    }

    /**
     * The teacher of a consistency-distilled model.
     *
     * @param model   the teacher's name or directory
     * @param solver  the ODE solver stepping the teacher from t_{n+1} to t_n
     * @param levels  N, the number of noise levels of the discretisation (Karras ρ = 7 spacing in s)
     * @param groups  groups of rows per batch sharing one level n
     * @param ema     μ, the EMA rate of the target network θ⁻
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Teacher(String model, String solver, int levels, int groups, double ema) {}

    /**
     * Training figures.
     *
     * @param finalLoss      loss of the last step
     * @param finalLossMean  mean loss over the last 10 % of steps
     * @param wallSeconds    training wall time
     * @param parameters     number of trainable parameters
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(Double finalLoss, Double finalLossMean, Double wallSeconds, Long parameters) {}
}
