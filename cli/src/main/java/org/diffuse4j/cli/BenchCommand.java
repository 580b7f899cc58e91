package org.diffuse4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diffuse4j.api.Budget;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.conformance.ReferenceFlow;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.diffuse4j.models.bench.BenchProblems;
import org.diffuse4j.runtime.SolverRegistry;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Accuracy per model evaluation: every deterministic solver's error (RMSE over rows and dimensions) against
 * the exact probability-flow endpoint, which the command computes itself by integrating the mixture's
 * PF-ODE with Dormand–Prince 8(5,3) at 1e-12, for a list of NFE budgets; writes CSV, markdown and a log-log
 * chart, and fits each solver's convergence order.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Error of every ODE solver against the exact PF-ODE endpoint for NFE budgets (CSV, markdown, PNG).")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Option(names = "--problem", defaultValue = "gmm16", description = "Problem (gmm2d-ring, gmm16). Default: ${DEFAULT-VALUE}.")
    String problem;

    @Option(names = "--schedule", defaultValue = "sd-scaled-linear", description = "Discrete schedule (ddpm-linear, sd-scaled-linear, cosine). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--solvers", defaultValue = "all", description = "Comma-separated solver ids, or all (every deterministic solver). Default: ${DEFAULT-VALUE}.")
    String solvers;

    @Option(names = "--nfe", defaultValue = "4,5,6,8,10,12,15,20,25,50", split = ",", description = "NFE budgets. Default: ${DEFAULT-VALUE}.")
    List<Integer> nfes;

    @Option(names = "--grid", defaultValue = "karras", description = "Grid (as for sample): karras, linspace, logsnr, …. Default: ${DEFAULT-VALUE}.")
    String grid;

    @Option(names = "--rows", defaultValue = "0", description = "Use the first N rows of the x_T bank (0: all).")
    int rows;

    @Option(names = "--out", defaultValue = "bench", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--bench", paramLabel = "DIR", description = "Directory of problems.json.")
    String bench;

    @Option(names = "--stochastic", description = "Sample-quality table of every stochastic solver on gmm2d-ring instead "
            + "(Fréchet distance of mean/covariance, mode-weight TV, mean nearest-mode distance, RBF MMD² against exact samples).")
    boolean stochastic;

    @Option(names = "--count", defaultValue = "4000", description = "Samples per run for --stochastic. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--steps", defaultValue = "10,20,50", split = ",", description = "Step counts for --stochastic. Default: ${DEFAULT-VALUE}.")
    List<Integer> stepCounts;

    /** One solver's errors by NFE (NaN where the budget is below one step or the run failed). */
    record Series(String solver, Map<Integer, Double> errors, Map<Integer, Integer> steps, double order) {}

    @Override public Integer call() throws IOException {
        if (stochastic) return stochasticTable();
        BenchProblems problems = BenchProblems.load(BenchProblems.locate(bench, Path.of("").toAbsolutePath()).resolve(BenchProblems.FILE_NAME));
        GaussianMixture mixture = problems.mixture(problem);
        Tensor xT = problems.xT(problem);
        if (rows > 0) xT = xT.slice(0, Math.min(rows, xT.rows()));
        Schedule sched = Catalog.schedule(schedule);
        GridSpec spec = GridSpec.parse(grid, "zero", 0);
        Grid probe = spec.build(sched, 1);
        long t0 = System.nanoTime();
        Tensor exact = ReferenceFlow.mixtureToData(mixture, xT, probe.from(0));
        System.err.printf("reference: %s, %d rows, PF-ODE integrated (DOP853, 1e-12) in %.2f s%n", problem, xT.rows(), (System.nanoTime() - t0) / 1e9);

        SolverRegistry registry = main.runtime().registry();
        List<String> ids = solvers.equals("all")
                ? registry.names().stream().filter(id -> !registry.provider(id).traits().stochastic() && !registry.provider(id).traits().adaptive()).toList()
                : List.of(solvers.split(","));
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(mixture, Prediction.EPSILON);
        List<Series> all = new ArrayList<>();
        for (String id : ids) {
            SolverProvider p = registry.provider(id.trim());
            Map<Integer, Double> errors = new LinkedHashMap<>();
            Map<Integer, Integer> steps = new LinkedHashMap<>();
            for (int nfe : nfes) {
                double e = Double.NaN;
                int n = 0;
                try {
                    n = Budget.stepsFor(nfe, k -> p.create(SolverConfig.of(spec.build(sched, k), Prediction.EPSILON)));
                    Solver<?> s = p.create(new SolverConfig(spec.build(sched, n), Prediction.EPSILON, SolverOptions.NONE));
                    Tensor got = Sampler.sample(s, denoiser, xT, NoiseSource.seeded(0)).samples();
                    e = got.rmsDistance(exact);
                } catch (RuntimeException ex) {
                    System.err.println(p.name() + " at NFE " + nfe + ": " + ex.getMessage());
                }
                errors.put(nfe, e);
                steps.put(nfe, n);
            }
            all.add(new Series(p.name(), errors, steps, fittedOrder(errors)));
        }
        Files.createDirectories(out);
        String base = problem + "__" + schedule;
        writeCsv(all, out.resolve(base + ".csv"));
        String md = markdown(all);
        Files.writeString(out.resolve(base + ".md"), md);
        chart(all, problem + " · " + schedule + " · " + grid + " grid", out.resolve(base + ".png"));
        System.out.print(md);
        System.out.println("wrote " + out.resolve(base + ".csv") + ", .md and .png");
        return 0;
    }

    /** The quality of every stochastic solver's samples of gmm2d-ring at several step counts (issue: SDE family). */
    private int stochasticTable() throws IOException {
        GaussianMixture ring = Catalog.ring();
        Schedule sched = Catalog.schedule(schedule);
        GridSpec spec = GridSpec.parse(grid.equals("karras") ? "auto" : grid, "zero", 0);
        Tensor reference = ring.sample(count, 1001);
        SolverRegistry registry = main.runtime().registry();
        List<String> ids = solvers.equals("all")
                ? registry.names().stream().filter(id -> registry.provider(id).traits().stochastic()).toList()
                : List.of(solvers.split(","));
        StringBuilder md = new StringBuilder("| solver | steps | NFE | Fréchet (mean/cov) | mode TV | nearest-mode distance (exact 0.1003) | MMD² (h = 0.1) |\n"
                + "|---|---|---|---|---|---|---|\n");
        Tensor floor = ring.sample(count, 2002);
        md.append(qualityRow("exact samples (noise floor)", 0, 0, floor, reference, ring));
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(ring, Prediction.EPSILON);
        for (String id : ids) {
            List<Integer> counts = new ArrayList<>(stepCounts);
            if (registry.id(id.trim()).equals("ddpm")) counts.add(1000);
            for (int n : counts) {
                try {
                    Grid g = spec.build(sched, n);
                    Solver<?> solver = registry.create(id.trim(), SolverConfig.of(g, Prediction.EPSILON));
                    NoiseSource noise = NoiseSource.seeded(42);
                    Tensor xT = noise.gaussian(count, 2);
                    Tensor out = Sampler.sample(solver, denoiser, xT, noise).samples();
                    md.append(qualityRow(registry.id(id.trim()), n, solver.totalModelCalls(), out, reference, ring));
                } catch (RuntimeException ex) {
                    md.append("| ").append(id).append(" | ").append(n).append(" | — | error: ").append(ex.getMessage()).append(" | | | |\n");
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("stochastic__gmm2d-ring__" + schedule + ".md"), md.toString());
        System.out.print(md);
        return 0;
    }

    private static String qualityRow(String name, int steps, int nfe, Tensor samples, Tensor reference, GaussianMixture ring) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2e | %.4f | %.4f | %.2e |%n", name, steps == 0 ? "—" : steps,
                nfe == 0 ? "—" : nfe, Metrics.frechet2d(samples, ring), Metrics.modeWeightTotalVariation(samples, ring),
                Metrics.meanNearestModeDistance(samples, ring), Metrics.mmd2(samples, reference, 0.1));
    }

    /** Slope of log error against log NFE over the budgets with an error above 1e-10 (round-off). */
    static double fittedOrder(Map<Integer, Double> errors) {
        List<double[]> pts = new ArrayList<>();
        errors.forEach((nfe, e) -> { if (e > 1e-10 && Double.isFinite(e)) pts.add(new double[] {Math.log(nfe), Math.log(e)}); });
        if (pts.size() < 2) return Double.NaN;
        double mx = pts.stream().mapToDouble(p -> p[0]).average().orElseThrow(), my = pts.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0, sxx = 0;
        for (double[] p : pts) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return -sxy / sxx;
    }

    private void writeCsv(List<Series> all, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("solver,nfe,steps,rmse");
            for (Series s : all) {
                s.errors().forEach((nfe, e) -> w.printf(Locale.ROOT, "%s,%d,%d,%.6e%n", s.solver(), nfe, s.steps().get(nfe), e));
            }
        }
    }

    private String markdown(List<Series> all) {
        StringBuilder b = new StringBuilder("| solver |");
        for (int nfe : nfes) b.append(" NFE ").append(nfe).append(" |");
        b.append(" fitted order |\n|---|");
        for (int i = 0; i <= nfes.size(); i++) b.append("---|");
        b.append('\n');
        for (Series s : all) {
            b.append("| ").append(s.solver()).append(" |");
            for (int nfe : nfes) {
                double e = s.errors().get(nfe);
                b.append(Double.isNaN(e) ? " — |" : String.format(Locale.ROOT, " %.2e |", e));
            }
            b.append(Double.isNaN(s.order()) ? " — |" : String.format(Locale.ROOT, " %.2f |", s.order())).append('\n');
        }
        return b.toString();
    }

    private void chart(List<Series> all, String title, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(640).title(title).xAxisTitle("NFE").yAxisTitle("RMSE vs exact PF-ODE").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Series s : all) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            s.errors().forEach((nfe, e) -> { if (e > 0 && Double.isFinite(e)) { x.add((double) nfe); y.add(e); } });
            if (!x.isEmpty()) chart.addSeries(s.solver(), x, y);
        }
        String f = png.toString();
        BitmapEncoder.saveBitmap(chart, f.substring(0, f.length() - 4), BitmapEncoder.BitmapFormat.PNG);
    }
}
