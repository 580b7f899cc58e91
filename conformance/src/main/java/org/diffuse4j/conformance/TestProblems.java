package org.diffuse4j.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;

/** The data, schedules and grids the kit tests on; every one is built here, from its definition. */
public final class TestProblems {
    private TestProblems() {}

    /** Gaussian data N(μ, s² I) in 3 dimensions: μ = (0.5, −0.3, 1.0), s = 0.5. */
    public static final double[] GAUSSIAN_MEAN = {0.5, -0.3, 1.0};
    public static final double GAUSSIAN_STD = 0.5;

    public static GaussianMixture gaussian() { return GaussianMixture.single(GAUSSIAN_MEAN, GAUSSIAN_STD); }

    /** Single-point data at μ (a Gaussian of std 1e-7, far below every grid's σ). */
    public static GaussianMixture point() { return GaussianMixture.single(GAUSSIAN_MEAN, 1e-7); }

    /**
     * A smooth, well-conditioned non-Gaussian problem for orders: ½ N(−1, 0.5²) + ½ N(1, 0.5²) in one dimension (two
     * modes four standard deviations apart, so the posterior weights turn smoothly over the whole path).
     */
    public static GaussianMixture bimodal() {
        return new GaussianMixture(new double[] {0.5, 0.5}, new double[][] {{-1}, {1}}, new double[] {0.5, 0.5});
    }

    /** gmm2d-ring of problems.json: 8 equal-weight modes on the unit circle, std 0.08. */
    public static GaussianMixture ring() {
        double[] w = new double[8], stds = new double[8];
        double[][] means = new double[8][];
        for (int k = 0; k < 8; k++) {
            w[k] = 1.0 / 8;
            stds[k] = 0.08;
            means[k] = new double[] {Math.cos(2 * Math.PI * k / 8), Math.sin(2 * Math.PI * k / 8)};
        }
        return new GaussianMixture(w, means, stds);
    }

    /** gmm16 of problems.json (6 components in 16 dimensions), shipped in the kit's resources. */
    public static GaussianMixture gmm16() {
        try (InputStream in = TestProblems.class.getResourceAsStream("gmm16.txt")) {
            if (in == null) throw new IllegalStateException("conformance kit resource gmm16.txt is missing");
            List<double[]> lines = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                lines.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
            return new GaussianMixture(lines.get(0), lines.subList(2, lines.size()).toArray(double[][]::new), lines.get(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sd-scaled-linear (Stable Diffusion's betas), 1000 steps. */
    public static DiscreteVpSchedule discrete() {
        return DiscreteVpSchedule.fromBetas(Betas.scaledLinear(0.00085, 0.012, 1000));
    }

    /** One schedule of each family. */
    public static Schedule schedule(ScheduleFamily family) {
        return switch (family) {
            case DISCRETE_VP -> discrete();
            case CONTINUOUS_VP -> VpLinearSchedule.standard();
            case VE -> new VeSchedule(0.01, 20);
            case RECTIFIED_FLOW -> RectifiedFlowSchedule.standard();
        };
    }

    /**
     * A grid of n steps from the schedule's noise end to clean data (σ = 0), the way users run them:
     * diffusers' linspace timesteps on the discrete schedule, uniform λ then σ = 0 on continuous VP and VE,
     * uniform t on rectified flow (which starts where α = 0).
     */
    public static Grid toData(Schedule schedule, int n) {
        if (schedule instanceof DiscreteVpSchedule d) {
            double[] ts = TimestepSpacing.LINSPACE.multistepTimesteps(d.trainSteps(), d.trainSteps(), n, 0);
            return Grids.sigmaInterpolated(d, ts, 0);
        }
        if (schedule.family() == ScheduleFamily.RECTIFIED_FLOW) return Grids.uniformTime(schedule, n);
        List<NoiseLevel> levels = new ArrayList<>(n == 1 ? List.of(schedule.at(schedule.tMax()))
                : Grids.uniformLambda(schedule, n - 1, schedule.tMax(), lowEnd(schedule)).levels());
        levels.add(NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin()))
                .withDerivatives(schedule.dAlpha(schedule.tMin()), schedule.dSigma(schedule.tMin())));
        return Grid.of(schedule, levels);
    }

    /** The VE schedule σ ∈ [0.001, 20] of the exact weak-order measurement. */
    public static final VeSchedule FINE_VE = new VeSchedule(1e-3, 20);

    /** λ = log(α/σ) where the fine grids leave uniform-λ spacing for a last step to clean data: σ/α = 0.001. */
    public static final double FINE_LAMBDA = Math.log(1000);

    /**
     * n steps to clean data for asymptotic measurements: n − 1 uniform in λ from the noise end to σ/α = 0.001 (or the
     * schedule's end, if higher), then one to σ = 0, whose bias (of order (σ/α)² = 1e-6) stays below the errors
     * measured. Needs finite λ at the noise end (not rectified flow).
     */
    public static Grid toDataFine(Schedule schedule, int n) {
        double tEnd = schedule.lambda(schedule.tMin()) <= FINE_LAMBDA ? schedule.tMin() : schedule.tOfLambda(FINE_LAMBDA);
        List<NoiseLevel> levels = new ArrayList<>(n == 1 ? List.of(schedule.at(schedule.tMax()))
                : Grids.uniformLambda(schedule, n - 1, schedule.tMax(), tEnd).levels());
        levels.add(NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin()))
                .withDerivatives(schedule.dAlpha(schedule.tMin()), schedule.dSigma(schedule.tMin())));
        return Grid.of(schedule, levels);
    }

    /** n steps uniform in λ from the noise end to a small final noise level (never σ = 0): smooth, for orders. */
    public static Grid toNoiseFloor(Schedule schedule, int n) {
        if (schedule instanceof DiscreteVpSchedule d) return Grids.uniformLambda(d, n, d.tMax(), d.tMin());
        return Grids.uniformLambda(schedule, n, schedule.tMax(), lowEnd(schedule));
    }

    private static double lowEnd(Schedule schedule) {
        return schedule.family() == ScheduleFamily.VE ? schedule.tMin() : 1e-2;
    }

    /** Rows of N(0, I) from a fixed seed, scaled to the marginal std √(α² s² + σ²) of data with std s at a level. */
    public static Tensor initial(int rows, int d, NoiseLevel level, double dataStd, long seed) {
        double scale = Math.sqrt(level.alpha() * level.alpha() * dataStd * dataStd + level.sigma() * level.sigma());
        return org.diffuse4j.api.NoiseSource.seeded(seed).gaussian(rows, d).scale(scale);
    }
}
