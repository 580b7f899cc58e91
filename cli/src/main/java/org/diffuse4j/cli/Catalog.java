package org.diffuse4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.bench.BenchProblems;

/**
 * The problems and schedules the CLI knows by name. {@code gmm2d-ring} and every schedule are built in
 * from their formulas, so the default run needs no file; the other benchmark problems (gmm16) come from
 * ../shared/bench/problems.json when it can be found (or {@code --bench DIR}).
 */
final class Catalog {
    static final List<String> SCHEDULES = List.of("ddpm-linear", "sd-scaled-linear", "cosine", "rectified-flow", "vp-linear", "ve", "edm");

    private final String benchDir;

    Catalog(String benchDir) { this.benchDir = benchDir; }

    /** 8 equal-weight modes on the unit circle, std 0.08 (problems.json gmm2d-ring). */
    static GaussianMixture ring() {
        int k = 8;
        double[] w = new double[k];
        double[][] means = new double[k][];
        double[] stds = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = 1.0 / k;
            means[i] = new double[] {Math.cos(2 * Math.PI * i / k), Math.sin(2 * Math.PI * i / k)};
            stds[i] = 0.08;
        }
        return new GaussianMixture(w, means, stds);
    }

    GaussianMixture problem(String name) {
        if (name.equals("gmm2d-ring")) return ring();
        BenchProblems file = bench(name);
        if (!file.problemNames().contains(name)) {
            TreeSet<String> all = new TreeSet<>(file.problemNames());
            all.add("gmm2d-ring");
            throw ConfigurationException.notAllowed("problem", name, all);
        }
        return file.mixture(name);
    }

    private BenchProblems bench(String wanted) {
        Path dir;
        try {
            dir = BenchProblems.locate(benchDir, Path.of("").toAbsolutePath());
        } catch (IllegalStateException e) {
            throw new ConfigurationException("problem", "'" + wanted + "' is defined in ../shared/bench/problems.json, which was not found ("
                    + e.getMessage() + "); built in: gmm2d-ring");
        }
        return BenchProblems.load(dir.resolve(BenchProblems.FILE_NAME));
    }

    static Schedule schedule(String name) {
        return switch (name) {
            case "ddpm-linear" -> DiscreteVpSchedule.fromBetas(Betas.linear(1e-4, 0.02, 1000));
            case "sd-scaled-linear" -> DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));
            case "cosine" -> DiscreteVpSchedule.fromBetas(Betas.squaredCosCapV2(1000));
            case "rectified-flow" -> RectifiedFlowSchedule.standard();
            case "vp-linear" -> VpLinearSchedule.standard();
            case "ve" -> VeSchedule.standard();
            case "edm" -> org.diffuse4j.api.schedule.EdmSchedule.standard();
            default -> throw ConfigurationException.notAllowed("schedule", name, SCHEDULES);
        };
    }

    static List<String> problemNames() {
        List<String> names = new ArrayList<>(List.of("gmm2d-ring"));
        names.add("gmm16 (from ../shared/bench/problems.json)");
        return names;
    }
}
