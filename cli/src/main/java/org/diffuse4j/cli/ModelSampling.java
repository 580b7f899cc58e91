package org.diffuse4j.cli;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.diffuse4j.api.Budget;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.models.train.DigitsData;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code sample --model DIR|NAME}: samples a trained SavedModel with the schedule, prediction target and
 * time conditioning of its model card, and scores the samples against the card's problem when it names one.
 * Image-shaped models ([C, H, W]) are drawn as a grid of images; the digits model is scored against its training set.
 * A class-conditional model is sampled unconditionally (its null class).
 */
final class ModelSampling {
    private ModelSampling() {}

    static int run(SampleCommand c) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");   // natives come from the jar
        if (c.diffusersConfig != null) throw new ConfigurationException("model", "--model and --diffusers-config cannot be combined");
        if (!c.schedule.equals("sd-scaled-linear") || !c.prediction.equals("epsilon") || !c.problem.equals("gmm2d-ring")) {
            throw new ConfigurationException("model", "the model card fixes the schedule, prediction and problem; drop --schedule, "
                    + "--prediction and --problem");
        }
        Path dir = ShippedModels.resolve(c.model);
        ModelCard card = ModelCards.read(dir);
        int[] shape = card.shape();
        boolean images = shape.length > 1;
        Schedule sched = card.schedule().build();
        GridSpec spec = GridSpec.parse(c.grid, c.last, c.stepsOffset);
        if (spec.kind() == GridSpec.Kind.OPTIMISED) throw new ConfigurationException("grid", "optimised grids need an exact denoiser; not with --model");
        SolverOptions parsed = SolverOptions.parse(c.options);
        var registry = c.main.runtime().registry();
        int steps = c.steps;
        String solver = c.solver;
        boolean consistencyModel = card.training() != null && card.training().consistencyModel();
        if (consistencyModel && !c.given("--solver")) { // a consistency model is sampled by multistep consistency sampling
            solver = "consistency";
            if (!c.given("--steps") && c.nfe == null) steps = 2;
            System.err.println(c.model + " is a consistency model: sampling it with the consistency sampler (choose another with --solver)");
        } else if (consistencyModel && !registry.provider(solver).traits().samplesConsistencyModel()) {
            System.err.println("note: " + c.model + " is a consistency model; " + registry.id(solver) + " reads its output as a"
                    + " denoiser's posterior mean, which blurs beyond one or two steps (docs/models.md); --solver consistency or lcm"
                    + " samples it as intended");
        }
        String solverId = solver;
        if (c.nfe != null) {
            steps = Budget.stepsFor(c.nfe, k -> registry.create(solverId, new SolverConfig(spec.build(sched, k), card.target(), parsed)));
        }
        Grid g = spec.build(sched, steps);
        Solver<?> s = registry.create(solverId, new SolverConfig(g, card.target(), parsed));
        String problem = card.data() == null ? null : card.data().problem();
        GaussianMixture mixture = problem == null || images ? null : new Catalog(c.bench).problem(problem);

        int workers = c.threads == null ? Runtime.getRuntime().availableProcessors() : c.threads;
        if (workers < 1) throw new IllegalArgumentException("threads: must be at least 1, got " + workers);
        long load = System.nanoTime();
        Tensor samples;
        double seconds, loadSeconds;
        try (SavedModelDenoiser denoiser = SavedModelDenoiser.open(dir)) {
            loadSeconds = (System.nanoTime() - load) / 1e9;
            long start = System.nanoTime();
            SampleCommand.Progress progress = new SampleCommand.Progress(g.steps(), System.err, System.console() != null);
            Conditioning conditioning = Conditioning.NONE;
            org.diffuse4j.api.Denoiser guided = denoiser;
            ModelCard.ClassConditioning classes = card.conditioning();
            if (c.label != null) {
                if (classes == null) throw new ConfigurationException("class", "model " + dir + " is not class-conditional");
                if (c.label < 0 || c.label >= classes.numClasses()) {
                    throw new ConfigurationException("class", c.label + " is outside 0 … " + (classes.numClasses() - 1));
                }
                conditioning = Conditioning.classes(c.label);
                if (c.guidanceScale != null && c.guidanceScale != 1.0) {
                    if (classes.nullClass() == null) {
                        throw new ConfigurationException("guidance-scale", "classifier-free guidance needs a model trained with a null class");
                    }
                    // Ho & Salimans 2022: conditional and unconditional rows in one batched network call
                    guided = new org.diffuse4j.models.guidance.ClassifierFreeGuidance(denoiser, classes.nullClass(), c.guidanceScale);
                }
            } else if (c.guidanceScale != null) {
                throw new ConfigurationException("guidance-scale", "needs --class K (the class to steer towards)");
            }
            samples = c.sample(s, guided, conditioning, shape, g.from(0), workers, progress);
            progress.done();
            seconds = (System.nanoTime() - start) / 1e9;
        }

        Files.createDirectories(c.out);
        Path csv = c.out.resolve("samples.csv");
        SampleCommand.writeCsv(samples, csv);
        Path png = c.out.resolve("samples.png");
        String name = card.name() != null ? card.name() : dir.getFileName().toString();
        String title = name + " · " + registry.id(solverId) + " · " + g.steps() + " steps";
        if (images && ImageGrid.drawable(shape)) {
            ImageGrid.write(samples, shape, title + (c.label != null ? " · class " + c.label : ""), png);
        } else if (mixture != null) {
            ScatterPlot.write(samples, mixture, title, png);
        } else {
            scatter(samples, title, png);
        }
        System.out.printf("%s: %d samples of model %s (%s, %s time input), %s grid (%d steps, %d model calls) in %.3f s (model load %.3f s)%n",
                registry.id(solverId), c.count, name, card.target().id(), card.timeConditioning().id(), spec.describe(), g.steps(),
                s.totalModelCalls(), seconds, loadSeconds);
        if (mixture != null) {
            System.out.printf("mean distance to nearest mode %.4f (exact samples: %.4f)%n", Metrics.meanNearestModeDistance(samples, mixture),
                    Metrics.meanNearestModeDistance(mixture.sample(c.count, c.seed), mixture));
            System.out.printf("mode-weight total variation %.4f%n", Metrics.modeWeightTotalVariation(samples, mixture));
        }
        if (DigitsData.NAME.equals(problem)) printDigitScores(samples, c.count, c.seed);
        System.out.println("wrote " + csv + " and " + png);
        return 0;
    }

    /**
     * How digit-like the samples are, next to the same figures for as many freshly generated digits (another seed):
     * distance to the nearest training image, the 1-nearest-neighbour class shares and the pixel-value W₁ distance.
     */
    private static void printDigitScores(Tensor samples, int count, long seed) {
        DigitsData training = DigitsData.standard();
        DigitsData.Score got = training.score(samples.toRows());
        DigitsData fresh = DigitsData.generate(count, seed ^ 0x5DEECE66DL);
        double[][] real = new double[fresh.size()][];
        for (int i = 0; i < real.length; i++) real[i] = fresh.image(i);
        DigitsData.Score ref = training.score(real);
        System.out.printf(Locale.ROOT, "mean RMS distance to the nearest training digit %.4f (fresh generated digits: %.4f)%n",
                got.meanNearestDistance(), ref.meanNearestDistance());
        StringBuilder shares = new StringBuilder();
        double[] k = got.classShares();
        for (int i = 0; i < k.length; i++) shares.append(i == 0 ? "" : " ").append(i).append(':').append(String.format(Locale.ROOT, "%.3f", k[i]));
        System.out.printf(Locale.ROOT, "class shares by the nearest training digit %s (min %.3f, max %.3f)%n", shares, got.minShare(), got.maxShare());
        System.out.printf(Locale.ROOT, "pixel-value W1 distance to the training digits %.4f (fresh generated digits: %.4f)%n",
                got.pixelDistance(), ref.pixelDistance());
    }

    /** Samples of a model trained on a file (no modes to draw): the first two coordinates. */
    private static void scatter(Tensor samples, String title, Path png) throws java.io.IOException {
        int n = samples.rows(), d = samples.rowSize();
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = samples.get(i, 0);
            ys[i] = d > 1 ? samples.get(i, 1) : 0;
        }
        XYChart chart = new XYChartBuilder().width(720).height(720).title(title).xAxisTitle("x₁").yAxisTitle("x₂").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries sr = chart.addSeries("samples (" + n + ")", xs, ys);
        sr.setMarker(SeriesMarkers.CIRCLE);
        sr.setMarkerColor(new Color(31, 119, 180, 90));
        String file = png.toString();
        BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file, BitmapEncoder.BitmapFormat.PNG);
    }
}
