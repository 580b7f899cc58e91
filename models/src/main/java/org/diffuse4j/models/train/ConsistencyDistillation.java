package org.diffuse4j.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.TimeConditioning;

/**
 * Consistency distillation; Song et al. 2023 (arXiv:2303.01469), Algorithm 2, with the squared L2 metric
 * and λ(t_n) = 1.
 *
 * <p>The VE noise levels s_min = s_1 &lt; … &lt; s_N = s_max follow Karras et al.'s ρ = 7 spacing between the
 * teacher schedule's own s range (Song et al. 2023, App. C). Per example: x₀ from the data, n uniform in
 * {1, …, N−1} (drawn once per group of rows, {@code groups} groups per batch, so the teacher runs once per
 * group rather than once per level), x_{n+1} = α_{n+1} x₀ + σ_{n+1} z; the teacher steps x_{n+1} to x̂_n with one step of a
 * project ODE solver (run by {@link Sampler} on the two-level grid); the target is the EMA network
 * f_θ⁻(x̂_n, s_n) and the loss ‖f_θ(x_{n+1}, s_{n+1}) − f_θ⁻(x̂_n, s_n)‖². The consistency function is
 * f_θ(x, s) = c_skip(s)·y + c_out(s)·F_θ(c_in(s)·y, τ) with y = x/α and the {@link Preconditioning} of
 * (σ_data, s_min), so f_θ(x, s_min) = y exactly. The result is a denoiser (prediction x₀): a 1-step
 * sample is f_θ(x_T, s_max); more steps re-noise through any x₀-consuming solver.
 */
public final class ConsistencyDistillation {
    private final Config config;
    private final Schedule schedule;
    private final MlpNetwork network;
    private final Preconditioning preconditioning;
    private final NoiseLevel[] levels;          // ascending s: levels[0] = s_min … levels[N−1] = s_max
    private final List<Solver<?>> teacherSteps; // step n: levels[n+1] → levels[n]

    /**
     * A distillation configuration.
     *
     * @param teacher       the trained model
     * @param teacherName   its name or directory, for the model card
     * @param schedule      the teacher's schedule (also the student's)
     * @param solver        the ODE solver provider stepping the teacher (e.g. ddim, dpmpp-2m)
     * @param solverName    its id, for the model card
     * @param data          examples x₀
     * @param levels        N ≥ 2 noise levels
     * @param groups        groups of rows per batch sharing one n (and one teacher call)
     * @param rho           ρ of the Karras spacing (7)
     * @param ema           μ, EMA rate of the target network
     * @param sigmaData     σ_data of the preconditioning
     * @param time          the student's time conditioning
     * @param hidden        hidden width
     * @param layers        hidden layers
     * @param timeEmbedding size of the time embedding
     * @param timeScale     factor on τ before the embedding
     * @param steps         optimiser steps
     * @param batchSize     examples per step
     * @param learningRate  peak Adam learning rate
     * @param lrSchedule    learning-rate schedule
     * @param seed          seed of everything random
     */
    public record Config(Denoiser teacher, String teacherName, ScheduleSpec schedule, SolverProvider solver, String solverName,
                         TrainingData data, int levels, int groups, double rho, double ema, double sigmaData, TimeConditioning time,
                         int hidden, int layers, int timeEmbedding, double timeScale, int steps, int batchSize, double learningRate,
                         LearningRate lrSchedule, long seed) {
        public Config {
            if (teacher == null || schedule == null || solver == null || data == null || time == null || lrSchedule == null) {
                throw new ConfigurationException("distillation", "teacher, schedule, solver, data, time conditioning and learning-rate"
                        + " schedule are required");
            }
            if (data.numClasses() != 0) throw new ConfigurationException("classes", "consistency distillation is unconditional here");
            if (levels < 2) throw new ConfigurationException("levels", "need at least 2, got " + levels);
            if (groups < 1 || groups > batchSize) {
                throw new ConfigurationException("groups", "need 1 ≤ groups ≤ batch size (" + batchSize + "), got " + groups);
            }
            if (!(rho > 0)) throw new ConfigurationException("rho", "must be positive, got " + rho);
            if (!(ema >= 0 && ema < 1)) throw new ConfigurationException("ema", "must lie in [0, 1), got " + ema);
            if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
            if (batchSize < 1) throw new ConfigurationException("batch", "must be at least 1, got " + batchSize);
            if (!(learningRate > 0)) throw new ConfigurationException("lr", "must be positive, got " + learningRate);
        }
    }

    public ConsistencyDistillation(Config config) {
        this.config = config;
        this.schedule = config.schedule().build();
        this.network = new MlpNetwork(config.data().dimension(), config.hidden(), config.layers(), config.timeEmbedding(),
                config.timeScale(), 0);
        double sMin = schedule.at(schedule.tMin()).sigmaVe(), sMax = schedule.at(schedule.tMax()).sigmaVe();
        if (!(sMin > 0 && Double.isFinite(sMax))) {
            throw new ConfigurationException("schedule", "consistency distillation needs 0 < s_min and a finite s_max; got " + sMin + ", " + sMax);
        }
        this.preconditioning = new Preconditioning(config.sigmaData(), sMin);
        List<NoiseLevel> descending = Grids.fromSigmasVe(schedule, Grids.karrasSigmas(config.levels(), sMin, sMax, config.rho(), false)).levels();
        int n = descending.size();
        this.levels = new NoiseLevel[n];
        for (int i = 0; i < n; i++) levels[i] = descending.get(n - 1 - i);
        this.teacherSteps = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) {
            Grid g = Grid.of(schedule, List.of(levels[i + 1], levels[i]));
            teacherSteps.add(config.solver().create(SolverConfig.of(g, config.teacher().target())));
        }
    }

    public MlpNetwork network() { return network; }

    /** The student's preconditioning (σ_data, s_min). */
    public Preconditioning preconditioning() { return preconditioning; }

    /** The N noise levels, ascending in s. */
    public List<NoiseLevel> levels() { return List.of(levels); }

    /** A trainer (online and EMA networks) initialised from the seed. The caller closes it. */
    public Trainer newTrainer() {
        return new Trainer(network, network.initialWeights(new SplittableRandom(config.seed()).split().nextLong()), config.ema());
    }

    /** Distils from scratch; returns the online weights θ. */
    public TrainingResult run(TrainingListener listener) {
        try (Trainer trainer = newTrainer()) {
            return run(trainer, listener);
        }
    }

    /** Distils into {@code trainer} (fresh from {@link #newTrainer()}); the trainer stays open. */
    public TrainingResult run(Trainer trainer, TrainingListener listener) {
        SplittableRandom rng = new SplittableRandom(config.seed());
        rng.split();   // the stream that seeded the initial weights
        double[] losses = new double[config.steps()];
        long start = System.nanoTime();
        for (int step = 1; step <= config.steps(); step++) {
            TrainingBatch b = batch(trainer, rng);
            double loss = trainer.step(b, config.lrSchedule().at(config.learningRate(), step, config.steps()));
            if (!Double.isFinite(loss)) throw new IllegalStateException("distillation diverged: loss " + loss + " at step " + step);
            losses[step - 1] = loss;
            listener.onStep(step, config.steps(), loss);
        }
        return new TrainingResult(network, trainer.weights(), losses, (System.nanoTime() - start) / 1e9);
    }

    private TrainingBatch batch(Trainer trainer, SplittableRandom rng) {
        int rows = config.batchSize(), d = network.dimension();
        double[] x0 = config.data().sample(rows, rng).points();
        int[] n = new int[rows];
        double[] xNext = new double[rows * d];
        int group = -1;
        for (int r = 0; r < rows; r++) {
            int g = (int) ((long) r * config.groups() / rows);
            if (g != group) {
                group = g;
                n[r] = rng.nextInt(levels.length - 1);
            } else {
                n[r] = n[r - 1];
            }
            NoiseLevel l = levels[n[r] + 1];
            for (int j = 0; j < d; j++) xNext[r * d + j] = l.alpha() * x0[r * d + j] + l.sigma() * rng.nextGaussian();
        }
        double[] xHat = teacherStep(n, xNext, d);

        // target f_θ⁻(x̂_n, s_n) on the EMA network
        float[] tin = new float[rows * d], ttau = new float[rows];
        for (int r = 0; r < rows; r++) {
            NoiseLevel l = levels[n[r]];
            double scale = preconditioning.cIn(l.sigmaVe()) / l.alpha();
            ttau[r] = (float) config.time().value(l);
            for (int j = 0; j < d; j++) tin[r * d + j] = (float) (scale * xHat[r * d + j]);
        }
        float[] fTarget = trainer.forwardEma(tin, ttau, null);
        float[] y = new float[rows * d];
        float[] xIn = new float[rows * d], tau = new float[rows], skip = new float[rows * d], cOut = new float[rows], w = new float[rows];
        for (int r = 0; r < rows; r++) {
            NoiseLevel target = levels[n[r]], online = levels[n[r] + 1];
            double st = target.sigmaVe(), so = online.sigmaVe();
            double tSkip = preconditioning.cSkip(st) / target.alpha(), tOut = preconditioning.cOut(st);
            double inScale = preconditioning.cIn(so) / online.alpha(), oSkip = preconditioning.cSkip(so) / online.alpha();
            tau[r] = (float) config.time().value(online);
            cOut[r] = (float) preconditioning.cOut(so);
            w[r] = 1;
            for (int j = 0; j < d; j++) {
                int i = r * d + j;
                y[i] = (float) (tSkip * xHat[i] + tOut * fTarget[i]);
                xIn[i] = (float) (inScale * xNext[i]);
                skip[i] = (float) (oSkip * xNext[i]);
            }
        }
        return new TrainingBatch(rows, xIn, tau, null, skip, cOut, y, w);
    }

    /** x̂_n: one teacher solver step from levels[n+1] to levels[n] for each row, rows grouped by n. */
    private double[] teacherStep(int[] n, double[] xNext, int d) {
        double[] out = new double[xNext.length];
        for (int k = 0; k < teacherSteps.size(); k++) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < n.length; r++) if (n[r] == k) rows.add(r);
            if (rows.isEmpty()) continue;
            double[] xs = new double[rows.size() * d];
            for (int i = 0; i < rows.size(); i++) System.arraycopy(xNext, rows.get(i) * d, xs, i * d, d);
            Tensor stepped = Sampler.sample(teacherSteps.get(k), config.teacher(), Tensor.of(new int[] {rows.size(), d}, xs),
                    NoiseSource.seeded(0)).samples();   // an ODE solver draws no noise
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < d; j++) out[rows.get(i) * d + j] = stepped.get(i, j);
            }
        }
        return out;
    }

    /** The model card of the distilled model. */
    public ModelCard card(String name, String description, String command, TrainingResult result) {
        ModelCard.Training training = new ModelCard.Training(command, config.seed(), config.steps(), config.batchSize(), ModelCard.Training.CONSISTENCY,
                "uniform", null, "discrete-uniform", config.learningRate(), config.lrSchedule().id(), null, network.describe(),
                new ModelCard.Teacher(config.teacherName(), config.solverName(), config.levels(), config.groups(), config.ema()));
        ModelCard.Figures figures = result == null ? null
                : new ModelCard.Figures(result.finalLoss(), result.finalLossMean(), result.wallSeconds(), network.parameterCount());
        return new ModelCard(ModelCard.FORMAT, name, description, config.schedule(), Prediction.DATA.id(), config.time(),
                preconditioning, List.of(network.dimension()), ModelCard.Signature.DEFAULT, null, config.data().describe(), training, figures);
    }
}
