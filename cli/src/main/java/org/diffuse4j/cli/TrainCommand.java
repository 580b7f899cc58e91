package org.diffuse4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.Preconditioning;
import org.diffuse4j.models.card.ScheduleSpec;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.card.TimeConditioning;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.models.train.ConsistencyDistillation;
import org.diffuse4j.models.train.DiffusionTraining;
import org.diffuse4j.models.train.DigitsData;
import org.diffuse4j.models.train.ImageData;
import org.diffuse4j.models.train.LearningRate;
import org.diffuse4j.models.train.LossWeighting;
import org.diffuse4j.models.train.MixtureData;
import org.diffuse4j.models.train.PointCloudData;
import org.diffuse4j.models.train.SavedModelExport;
import org.diffuse4j.models.train.TimeSampling;
import org.diffuse4j.models.train.TrainingData;
import org.diffuse4j.models.train.TrainingListener;
import org.diffuse4j.models.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Trains a small network on a problem, a CSV of points or images (the generated digits or a CSV with
 * {@code --image-shape}; a convolutional U-Net) and writes a SavedModel, its model card
 * ({@code diffuse4j.json}, with this command line) and {@code loss.png}. With {@code --objective consistency}
 * it distils a trained model (the teacher) into a consistency model, stepping the teacher with a solver
 * of this CLI.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a diffusion, flow or consistency model and write a SavedModel with diffuse4j.json and loss.png.")
final class TrainCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the SavedModel, model card and loss.png.")
    Path out;

    @Option(names = "--force", description = "Replace a model already in --out.")
    boolean force;

    @Option(names = "--name", description = "Model name for the card. Default: the --out directory's name.")
    String name;

    @Option(names = "--description", description = "One line for the model card.")
    String description;

    @Option(names = "--problem", defaultValue = "gmm2d-ring", description = "Training data: exact samples of this problem. Default: ${DEFAULT-VALUE}.")
    String problem;

    @Option(names = "--csv", paramLabel = "FILE", description = "Training data: points from a CSV file (a 'label' column holds classes); replaces --problem.")
    Path csv;

    @Option(names = "--data", paramLabel = "digits|FILE",
            description = "Training data: 'digits' (2000 generated 8x8 grey-scale digits 0-9 with labels, see docs/models.md) or a CSV "
                    + "of flattened images with --image-shape; replaces --problem.")
    String dataName;

    @Option(names = "--image-shape", paramLabel = "CxHxW", description = "Shape of one image of a --data CSV, channel by channel, "
            + "row-major (e.g. 1x8x8).")
    String imageShape;

    @Option(names = "--network", defaultValue = "auto",
            description = "auto, mlp or unet (auto: unet for images, mlp for points). Default: ${DEFAULT-VALUE}.")
    String networkKind;

    @Option(names = "--channels", defaultValue = "16,32", split = ",",
            description = "U-Net channels per resolution, full resolution first (each further entry halves height and width). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Integer> channels;

    @Option(names = "--bench", paramLabel = "DIR", description = "Directory of problems.json (for gmm16).")
    String bench;

    @Option(names = "--objective", defaultValue = "epsilon",
            description = "What the network learns: epsilon, sample (x0), v_prediction, score, velocity (flow matching) or consistency "
                    + "(distil --teacher). Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--schedule", description = "Schedule: ddpm-linear, sd-scaled-linear, cosine, rectified-flow, vp-linear, ve. "
            + "Default: rectified-flow for velocity, else ddpm-linear; the teacher's for consistency.")
    String schedule;

    @Option(names = "--time-sampling", defaultValue = "auto",
            description = "auto, discrete-uniform, uniform or logit-normal (auto: discrete-uniform on discrete schedules, logit-normal on "
                    + "rectified flow, else uniform). Default: ${DEFAULT-VALUE}.")
    String timeSampling;

    @Option(names = "--time-conditioning", defaultValue = "auto",
            description = "The network's time input: auto, timestep, t, t1000, sigma or c_noise (auto: timestep on discrete schedules, "
                    + "c_noise for consistency, else t). Default: ${DEFAULT-VALUE}.")
    String timeConditioning;

    @Option(names = "--weighting", defaultValue = "uniform", description = "Loss weighting: uniform, snr, min-snr, truncated-snr. Default: ${DEFAULT-VALUE}.")
    String weighting;

    @Option(names = "--snr-gamma", defaultValue = "5", description = "γ of min-snr. Default: ${DEFAULT-VALUE}.")
    double snrGamma;

    @Option(names = "--edm-sigma-data", paramLabel = "σ", description = "Train with EDM preconditioning (c_in, c_skip, c_out) and this σ_data; needs --objective sample.")
    Double edmSigmaData;

    @Option(names = "--classes", description = "Condition on the data's labels (mixture component index), with a null class for classifier-free guidance.")
    boolean classes;

    @Option(names = "--label-dropout", defaultValue = "0.1", description = "Probability of training on the null class. Default: ${DEFAULT-VALUE}.")
    double labelDropout;

    @Option(names = "--hidden", defaultValue = "128", description = "Hidden width. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", defaultValue = "3", description = "Hidden layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--time-embedding", defaultValue = "32", description = "Size of the sinusoidal time embedding. Default: ${DEFAULT-VALUE}.")
    int timeEmbedding;

    @Option(names = "--time-scale", description = "Factor on the time input before the embedding (default: by convention, so it spans ~0…1000).")
    Double timeScale;

    @Option(names = "--steps", defaultValue = "4000", description = "Optimiser steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "512", description = "Examples per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-3", description = "Peak Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "cosine", description = "constant or cosine. Default: ${DEFAULT-VALUE}.")
    String lrSchedule;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of data, noise, times and initial weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--teacher", paramLabel = "DIR|NAME", description = "Consistency distillation: the trained model to distil (directory or shipped name).")
    String teacher;

    @Option(names = "--teacher-solver", defaultValue = "ddim", description = "Consistency distillation: ODE solver stepping the teacher. Default: ${DEFAULT-VALUE}.")
    String teacherSolver;

    @Option(names = "--levels", defaultValue = "18", description = "Consistency distillation: N noise levels. Default: ${DEFAULT-VALUE}.")
    int levels;

    @Option(names = "--groups", defaultValue = "4",
            description = "Consistency distillation: groups of rows per batch sharing one level n (one teacher call each). Default: ${DEFAULT-VALUE}.")
    int groups;

    @Option(names = "--ema", defaultValue = "0.95", description = "Consistency distillation: EMA rate μ of the target network. Default: ${DEFAULT-VALUE}.")
    double ema;

    @Option(names = "--sigma-data", defaultValue = "0.5", description = "Consistency distillation: σ_data of the preconditioning. Default: ${DEFAULT-VALUE}.")
    double sigmaData;

    @Override public Integer call() throws IOException {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");   // natives come from the jar
        prepareOutput();
        String modelName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        List<String> args = spec.commandLine().getParseResult().originalArgs();   // the whole command line, "train" included
        String command = "./diffuse4j train " + args.subList(args.indexOf(spec.name()) + 1, args.size()).stream()
                .filter(a -> !a.equals("--force"))                                    // changes nothing in the model
                .map(a -> a.matches("[A-Za-z0-9_./=:+-]+") ? a : "'" + a + "'").collect(Collectors.joining(" "));
        TrainingData data = data();
        Progress progress = new Progress(System.err, System.console() != null);
        TrainingResult result;
        ModelCard card;
        String what;
        boolean unet = switch (networkKind) {
            case "auto" -> data.shape().size() > 1;
            case "mlp" -> false;
            case "unet" -> true;
            default -> throw ConfigurationException.notAllowed("network", networkKind, List.of("auto", "mlp", "unet"));
        };
        if (unet && data.shape().size() == 1) {
            throw new ConfigurationException("network", "a U-Net needs image data (--data digits, or --data FILE --image-shape CxHxW)");
        }
        if (objective.equals("consistency")) {
            if (unet) throw new ConfigurationException("objective", "consistency distillation trains an MLP on points; not with image data");
            if (teacher == null) throw new ConfigurationException("teacher", "--objective consistency needs --teacher DIR|NAME");
            if (schedule != null) throw new ConfigurationException("schedule", "a consistency model uses its teacher's schedule; drop --schedule");
            Path teacherDir = ShippedModels.resolve(teacher);
            ModelCard teacherCard = ModelCards.read(teacherDir);
            TimeConditioning time = timeConditioning.equals("auto") ? TimeConditioning.C_NOISE : TimeConditioning.parse(timeConditioning);
            var registry = main.runtime().registry();
            try (SavedModelDenoiser t = SavedModelDenoiser.open(teacherDir)) {
                var cd = new ConsistencyDistillation(new ConsistencyDistillation.Config(t, teacher, teacherCard.schedule(),
                        registry.provider(teacherSolver), registry.id(teacherSolver), data, levels, groups, 7.0, ema, sigmaData, time, hidden, layers,
                        timeEmbedding, timeScale != null ? timeScale : DiffusionTraining.defaultTimeScale(time), steps, batch, lr,
                        LearningRate.parse(lrSchedule), seed));
                result = cd.run(progress);
                card = cd.card(modelName, description, command, result);
            }
            what = "consistency distillation of " + teacher + " (" + registry.id(teacherSolver) + " teacher, N = " + levels + ")";
        } else {
            Prediction target = Prediction.parse(objective);
            ScheduleSpec sched = ScheduleSpec.named(schedule != null ? schedule : target == Prediction.VELOCITY ? "rectified-flow" : "ddpm-linear");
            ScheduleFamily family = sched.build().family();
            TimeSampling sampling = switch (timeSampling) {
                case "auto" -> family == ScheduleFamily.DISCRETE_VP ? new TimeSampling.DiscreteUniform()
                        : family == ScheduleFamily.RECTIFIED_FLOW ? new TimeSampling.LogitNormal(0, 1) : new TimeSampling.Uniform();
                default -> TimeSampling.parse(timeSampling);
            };
            TimeConditioning time = timeConditioning.equals("auto")
                    ? family == ScheduleFamily.DISCRETE_VP ? TimeConditioning.TIMESTEP : TimeConditioning.T
                    : TimeConditioning.parse(timeConditioning);
            Preconditioning pre = edmSigmaData == null ? null : new Preconditioning(edmSigmaData, 0);
            var config = new DiffusionTraining.Config(data, sched, target, LossWeighting.parse(weighting, snrGamma),
                    sampling, time, pre, classes, labelDropout, hidden, layers, timeEmbedding,
                    timeScale != null ? timeScale : DiffusionTraining.defaultTimeScale(time), steps, batch, lr, LearningRate.parse(lrSchedule), seed);
            var training = unet ? DiffusionTraining.withUNet(config, channels) : new DiffusionTraining(config);
            result = training.run(progress);
            card = training.card(modelName, description, command, result);
            what = (unet ? "U-Net " + channels.stream().map(String::valueOf).collect(Collectors.joining("/")) + " on " + data.shape() + ", " : "")
                    + target.id() + " objective, " + weighting + " weighting, " + sampling.id() + " times, " + time.id() + " time input"
                    + (classes ? ", " + data.numClasses() + " classes + null class" : "");
        }
        progress.done();
        SavedModelExport.export(out, result.network(), result.weights(), card);
        Path png = out.resolve("loss.png");
        LossPlot.write(result.losses(), modelName + " · " + objective + " · " + steps + " steps", png);
        System.out.printf(Locale.ROOT, "%s: %s; %d steps of %d in %.1f s; final loss %.5f (mean of last 10%%: %.5f); %d parameters%n",
                modelName, what, steps, batch, result.wallSeconds(), result.finalLoss(), result.finalLossMean(), result.network().parameterCount());
        System.out.println("wrote " + out.resolve("saved_model.pb") + ", " + out.resolve(ModelCards.FILE_NAME) + " and " + png);
        System.out.println("sample it with: ./diffuse4j sample --model " + out);
        return 0;
    }

    private TrainingData data() {
        if (dataName != null) {
            if (csv != null) throw new ConfigurationException("data", "--data and --csv cannot be combined");
            if (!problem.equals("gmm2d-ring")) throw new ConfigurationException("data", "--data replaces --problem; drop one");
            if (dataName.equals(DigitsData.NAME)) {
                if (imageShape != null) throw new ConfigurationException("image-shape", "digits are 1x8x8; drop --image-shape");
                return DigitsData.standard();
            }
            if (imageShape == null) {
                throw new ConfigurationException("image-shape", "--data " + dataName + " needs the shape of one image, e.g. --image-shape 1x8x8 "
                        + "(points: use --csv)");
            }
            PointCloudData rows = PointCloudData.readCsv(Path.of(dataName));
            if (classes && rows.numClasses() == 0) throw new ConfigurationException("classes", dataName + " has no 'label' column");
            return ImageData.of(rows, ImageData.parseShape(imageShape));
        }
        if (imageShape != null) throw new ConfigurationException("image-shape", "needs --data FILE (a CSV of flattened images)");
        if (csv != null) {
            PointCloudData d = PointCloudData.readCsv(csv);
            if (classes && d.numClasses() == 0) throw new ConfigurationException("classes", csv + " has no 'label' column");
            return d;
        }
        return new MixtureData(new Catalog(bench).problem(problem), problem, classes);
    }

    private void prepareOutput() throws IOException {
        if (Files.exists(out.resolve("saved_model.pb"))) {
            if (!force) throw new ConfigurationException("out", out + " already holds a model; pass --force to replace it");
            for (String f : List.of("saved_model.pb", ModelCards.FILE_NAME, "loss.png")) Files.deleteIfExists(out.resolve(f));
            Path vars = out.resolve("variables");
            if (Files.isDirectory(vars)) {
                try (var walk = Files.walk(vars)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
                }
            }
        }
    }

    /** Progress with the loss on stderr: a redrawn bar on a terminal, otherwise a line every 10 %. */
    static final class Progress implements TrainingListener {
        private final PrintStream err;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private double smoothed = Double.NaN;
        private long lastDraw;
        private boolean drawn;

        Progress(PrintStream err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override public void onStep(int step, int steps, double loss) {
            smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
            double seconds = (System.nanoTime() - start) / 1e9;
            if (terminal) {
                long now = System.nanoTime();
                if (now - lastDraw < 100_000_000L && step != steps) return;
                lastDraw = now;
                drawn = true;
                int width = 30, filled = (int) ((long) step * width / steps);
                err.printf(Locale.ROOT, "\r[%s%s] step %d/%d  loss %.5f  (avg %.5f)  %.1f s", "#".repeat(filled), " ".repeat(width - filled),
                        step, steps, loss, smoothed, seconds);
            } else if (step == steps || step % Math.max(1, steps / 10) == 0) {
                err.printf(Locale.ROOT, "step %d/%d  loss %.5f  (avg %.5f)  %.1f s%n", step, steps, loss, smoothed, seconds);
            }
        }

        void done() {
            if (drawn) err.println();
        }
    }
}
