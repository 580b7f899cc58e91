package org.diffuse4j.models.train;

import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.TimeConditioning;

/**
 * Trains a {@link TrainableNetwork} — an {@link MlpNetwork} for points, a {@link UNet} for images — to predict one target from x_t = α x₀ + σ ε (denoising diffusion,
 * denoising score matching, flow matching), optionally class-conditional with label dropout for
 * classifier-free guidance (Ho &amp; Salimans 2022, arXiv:2207.12598, Alg. 1).
 *
 * <p>Per example, in Java: x₀ (and label) from the data, the level from the time sampling, ε ~ N(0, I),
 * x_t = α x₀ + σ ε, τ from the time-conditioning convention, the target (ε, x₀, v = α ε − σ x₀,
 * −ε/σ or u = α′ x₀ + σ′ ε) and the loss weight; with probability {@code labelDropout} the label becomes
 * the null class (= number of classes). With EDM preconditioning the network input is c_in·y, y = x_t/α,
 * the prediction c_skip·y + c_out·F, and the target x₀.
 */
public final class DiffusionTraining {
    private final Config config;
    private final Schedule schedule;
    private final TrainableNetwork network;

    /**
     * A training configuration.
     *
     * @param data            examples
     * @param schedule        the forward process
     * @param objective       what the network's prediction regresses
     * @param weighting       loss weighting
     * @param timeSampling    how levels are drawn
     * @param time            the time-conditioning convention
     * @param preconditioning EDM preconditioning (objective must be DATA), or null
     * @param conditional     whether to condition on the data's labels (adds a null class)
     * @param labelDropout    probability of training on the null class instead of the label
     * @param hidden          hidden width
     * @param layers          hidden layers
     * @param timeEmbedding   size of the time embedding
     * @param timeScale       factor on τ before the embedding
     * @param steps           optimiser steps
     * @param batchSize       examples per step
     * @param learningRate    peak Adam learning rate
     * @param lrSchedule      learning-rate schedule
     * @param seed            seed of everything random
     */
    public record Config(TrainingData data, ScheduleSpec schedule, Prediction objective, LossWeighting weighting,
                         TimeSampling timeSampling, TimeConditioning time, Preconditioning preconditioning, boolean conditional,
                         double labelDropout, int hidden, int layers, int timeEmbedding, double timeScale, int steps, int batchSize,
                         double learningRate, LearningRate lrSchedule, long seed) {
        public Config {
            if (data == null || schedule == null || objective == null || weighting == null || timeSampling == null || time == null
                    || lrSchedule == null) {
                throw new ConfigurationException("training", "data, schedule, objective, weighting, time sampling, time conditioning and"
                        + " learning-rate schedule are required");
            }
            if (preconditioning != null && objective != Prediction.DATA) {
                throw new ConfigurationException("preconditioning", "a preconditioned network predicts x₀; objective must be 'data', got '"
                        + objective.id() + "'");
            }
            if (conditional && data.numClasses() == 0) {
                throw new ConfigurationException("classes", "the data has no labels to condition on");
            }
            if (!(labelDropout >= 0 && labelDropout < 1)) {
                throw new ConfigurationException("label-dropout", "must lie in [0, 1), got " + labelDropout);
            }
            if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
            if (batchSize < 1) throw new ConfigurationException("batch", "must be at least 1, got " + batchSize);
            if (!(learningRate > 0)) throw new ConfigurationException("lr", "must be positive, got " + learningRate);
        }
    }

    /** Trains an {@link MlpNetwork} of the configuration's width, depth and time embedding. */
    public DiffusionTraining(Config config) {
        this.config = config;
        this.schedule = config.schedule().build();
        int labels = config.conditional() ? config.data().numClasses() + 1 : 0;
        this.network = new MlpNetwork(config.data().dimension(), config.hidden(), config.layers(), config.timeEmbedding(),
                config.timeScale(), labels);
    }

    /**
     * Trains {@code network} (the configuration's hidden width, layers, time embedding and scale are not used).
     *
     * @throws ConfigurationException when the network's data shape or label count does not fit the data and
     *     {@code conditional} (checked here, before any TensorFlow graph exists)
     */
    public DiffusionTraining(Config config, TrainableNetwork network) {
        this.config = config;
        this.schedule = config.schedule().build();
        if (!network.dataShape().equals(config.data().shape())) {
            throw new ConfigurationException("network", "takes examples of shape " + network.dataShape() + " but the data has shape "
                    + config.data().shape());
        }
        int labels = config.conditional() ? config.data().numClasses() + 1 : 0;
        if (network.labels() != labels) {
            throw new ConfigurationException("classes", "the network takes " + network.labels() + " labels; "
                    + (config.conditional() ? config.data().numClasses() + " classes and a null class need " + labels : "unconditional training needs 0"));
        }
        this.network = network;
    }

    /**
     * Training of a {@link UNet} with {@code channels} per resolution on image data (shape [C, H, W] or [H, W]), with the
     * configuration's time embedding and scale (and the data's classes plus a null class when conditional).
     */
    public static DiffusionTraining withUNet(Config config, java.util.List<Integer> channels) {
        int labels = config.conditional() ? config.data().numClasses() + 1 : 0;
        return new DiffusionTraining(config, UNet.forShape(config.data().shape(), channels, config.timeEmbedding(), config.timeScale(), labels));
    }

    /** A sensible embedding scale for τ under {@code time}, so that τ·scale spans roughly 0 … 1000. */
    public static double defaultTimeScale(TimeConditioning time) {
        return switch (time) {
            case TIMESTEP, T_1000 -> 1;
            case T -> 1000;
            case SIGMA -> 10;
            case C_NOISE -> 250;
        };
    }

    public Config config() { return config; }

    public TrainableNetwork network() { return network; }

    /** A trainer for this configuration, initialised from the seed. The caller closes it. */
    public Trainer newTrainer() {
        return new Trainer(network, network.initialWeights(new SplittableRandom(config.seed()).split().nextLong()), Double.NaN);
    }

    /** Trains from scratch. */
    public TrainingResult run(TrainingListener listener) {
        try (Trainer trainer = newTrainer()) {
            return run(trainer, listener);
        }
    }

    /** Trains {@code trainer} (fresh from {@link #newTrainer()}) for the configured steps; the trainer stays open. */
    public TrainingResult run(Trainer trainer, TrainingListener listener) {
        SplittableRandom rng = new SplittableRandom(config.seed());
        rng.split();   // the stream that seeded the initial weights
        double[] losses = new double[config.steps()];
        long start = System.nanoTime();
        for (int step = 1; step <= config.steps(); step++) {
            TrainingBatch b = batch(rng);
            double loss = trainer.step(b, config.lrSchedule().at(config.learningRate(), step, config.steps()));
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss " + loss + " at step " + step + "; lower --lr or change --weighting");
            }
            losses[step - 1] = loss;
            listener.onStep(step, config.steps(), loss);
        }
        return new TrainingResult(network, trainer.weights(), losses, (System.nanoTime() - start) / 1e9);
    }

    /** One batch, drawn from {@code rng}. */
    TrainingBatch batch(SplittableRandom rng) {
        int n = config.batchSize(), d = network.dimension();
        TrainingData.Examples ex = config.data().sample(n, rng);
        float[] xIn = new float[n * d], tau = new float[n], skip = new float[n * d], cOut = new float[n], y = new float[n * d], w = new float[n];
        int[] labels = network.labels() > 0 ? new int[n] : null;
        Preconditioning pre = config.preconditioning();
        for (int r = 0; r < n; r++) {
            NoiseLevel level = config.timeSampling().sample(schedule, rng);
            double a = level.alpha(), s = level.sigma();
            tau[r] = (float) config.time().value(level);
            w[r] = (float) config.weighting().multiplier(pre != null ? Prediction.DATA : config.objective(), level);
            double inScale = 1, skipScale = 0;
            cOut[r] = 1;
            if (pre != null) {
                double sv = level.sigmaVe();
                inScale = pre.cIn(sv) / a;
                skipScale = pre.cSkip(sv) / a;
                cOut[r] = (float) pre.cOut(sv);
            }
            for (int j = 0; j < d; j++) {
                int i = r * d + j;
                double x0 = ex.points()[i], eps = rng.nextGaussian();
                double xt = a * x0 + s * eps;
                xIn[i] = (float) (inScale * xt);
                skip[i] = (float) (skipScale * xt);
                y[i] = (float) target(x0, eps, level);
            }
            if (labels != null) {
                boolean drop = rng.nextDouble() < config.labelDropout();
                labels[r] = drop ? config.data().numClasses() : ex.labels()[r];
            }
        }
        return new TrainingBatch(n, xIn, tau, labels, skip, cOut, y, w);
    }

    private double target(double x0, double eps, NoiseLevel level) {
        double a = level.alpha(), s = level.sigma();
        return switch (config.objective()) {
            case EPSILON -> eps;
            case DATA -> x0;
            case V -> a * eps - s * x0;                                   // Salimans & Ho 2022, §4
            case SCORE -> -eps / s;                                       // ∇ log p(x_t | x₀) (Vincent 2011)
            case VELOCITY -> level.dAlpha() * x0 + level.dSigma() * eps; // Lipman et al. 2023; ε − x₀ on rectified flow
        };
    }

    /** The model card of a network trained with this configuration (training figures from {@code result}, if given). */
    public ModelCard card(String name, String description, String command, TrainingResult result) {
        ModelCard.ClassConditioning classes = network.labels() > 0
                ? new ModelCard.ClassConditioning(config.data().numClasses(), config.data().numClasses(), config.data().labelMeaning()) : null;
        ModelCard.Signature sig = classes == null ? ModelCard.Signature.DEFAULT : ModelCard.Signature.DEFAULT.withLabel("label");
        ModelCard.Training training = new ModelCard.Training(command, config.seed(), config.steps(), config.batchSize(),
                config.objective().id(), config.weighting().id(),
                config.weighting() instanceof LossWeighting.MinSnr m ? m.gamma() : null, config.timeSampling().id(),
                config.learningRate(), config.lrSchedule().id(), classes == null ? null : config.labelDropout(), network.describe(), null);
        ModelCard.Figures figures = result == null ? null
                : new ModelCard.Figures(result.finalLoss(), result.finalLossMean(), result.wallSeconds(), network.parameterCount());
        return new ModelCard(ModelCard.FORMAT, name, description, config.schedule(), config.objective().id(), config.time(),
                config.preconditioning(), network.dataShape(), sig, classes, config.data().describe(), training, figures);
    }
}
