package org.diffuse4j.conformance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.NonFiniteValueException;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;

/**
 * The checks of the kit, each measuring one declared trait or contract of a solver against an oracle
 * computed here. Contracts ({@link SolverContract}) and the provider-wide factory both run these.
 */
public final class Checks {
    private Checks() {}

    /** The solver under test: its provider and the options to create it with. */
    public record Subject(SolverProvider provider, SolverOptions options, Tolerances tolerances) {
        SolverTraits traits() { return provider.traits(); }

        Solver<?> create(Grid grid, Prediction target) {
            return provider.create(new SolverConfig(grid, target, options));
        }

        /** The model target to test with on the default family. */
        Prediction target() { return target(family()); }

        /**
         * The target to test with on a schedule family: ε, as most networks predict; on rectified flow the
         * velocity, as flow models predict (ε determines x₀ nowhere where α = 0, so an ε-model cannot start a
         * flow at t = 1). Falls back to the first accepted target.
         */
        Prediction target(ScheduleFamily family) {
            List<Prediction> preference = family == ScheduleFamily.RECTIFIED_FLOW
                    ? List.of(Prediction.VELOCITY, Prediction.DATA, Prediction.V, Prediction.EPSILON, Prediction.SCORE)
                    : List.of(Prediction.EPSILON, Prediction.DATA, Prediction.V, Prediction.SCORE, Prediction.VELOCITY);
            for (Prediction p : preference) {
                if (traits().accepts().contains(p)) return p;
            }
            throw new IllegalStateException("no prediction target accepted");
        }

        /** The first schedule family it supports, preferring continuous VP (smooth, with derivatives). */
        ScheduleFamily family() {
            for (ScheduleFamily f : List.of(ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.DISCRETE_VP, ScheduleFamily.VE, ScheduleFamily.RECTIFIED_FLOW)) {
                if (traits().schedules().contains(f)) return f;
            }
            throw new IllegalStateException("no schedule family declared");
        }
    }

    /** The names of every check, in the order they run. */
    public static final List<String> ALL = List.of("name-and-traits", "tolerances-in-bounds", "model-calls-as-declared",
            "order", "gaussian-moments", "mixture-flow", "single-point", "seed-behaviour", "repeatable-no-hidden-state",
            "native-target-invariance", "batch-invariance", "thread-safety", "schedule-families", "low-step-counts",
            "model-nan-reported", "refuses-unknown-option", "refuses-unsupported-targets");

    /** Runs one check by name; a check that throws unexpectedly fails, naming the exception. */
    public static CheckResult run(String check, Subject s) {
        try {
            return switch (check) {
                case "name-and-traits" -> nameAndTraits(s);
                case "tolerances-in-bounds" -> tolerancesInBounds(s);
                case "model-calls-as-declared" -> modelCallsAsDeclared(s);
                case "order" -> order(s);
                case "gaussian-moments" -> gaussianMoments(s);
                case "mixture-flow" -> mixtureFlow(s);
                case "single-point" -> singlePoint(s);
                case "seed-behaviour" -> seedBehaviour(s);
                case "repeatable-no-hidden-state" -> repeatable(s);
                case "native-target-invariance" -> nativeTargetInvariance(s);
                case "batch-invariance" -> batchInvariance(s);
                case "thread-safety" -> threadSafety(s);
                case "schedule-families" -> scheduleFamilies(s);
                case "low-step-counts" -> lowStepCounts(s);
                case "model-nan-reported" -> modelNanReported(s);
                case "refuses-unknown-option" -> refusesUnknownOption(s);
                case "refuses-unsupported-targets" -> refusesUnsupportedTargets(s);
                default -> throw new IllegalArgumentException("unknown check '" + check + "'; checks: " + ALL);
            };
        } catch (RuntimeException | AssertionError e) {
            return CheckResult.fail(check, "threw " + e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ helpers

    static SamplingResult sample(Solver<?> solver, Denoiser denoiser, Tensor xT, long seed) {
        return Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(seed));
    }

    static Tensor sampleOn(Subject s, Grid grid, GaussianMixture data, Prediction target, Tensor xT, long seed) {
        return sample(s.create(grid, target), new GaussianMixtureDenoiser(data, target), xT, seed).samples();
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.3g", v); }

    /** Least-squares slope of log(errors) against log(steps). */
    static double slope(List<Integer> steps, List<Double> errors) {
        int n = steps.size();
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(steps.get(i));
            my += Math.log(errors.get(i));
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(steps.get(i)) - mx;
            sxy += dx * (Math.log(errors.get(i)) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    static double relativeDistance(Tensor a, Tensor b) {
        return a.maxAbsDistance(b) / Math.max(1e-300, b.maxAbs());
    }

    // ------------------------------------------------------------------ checks

    static CheckResult nameAndTraits(Subject s) {
        String name = s.provider().name();
        SolverTraits t = s.traits();
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            return CheckResult.fail("name-and-traits", "name '" + name + "'", "ids must match [a-z][a-z0-9-]*");
        }
        if (s.provider().aliases().contains(name)) {
            return CheckResult.fail("name-and-traits", "alias '" + name + "'", "an alias repeats the id");
        }
        String again = s.provider().name();
        if (!name.equals(again) || !t.equals(s.provider().traits())) {
            return CheckResult.fail("name-and-traits", "unstable", "name() or traits() changed between calls");
        }
        return CheckResult.pass("name-and-traits", name + ": " + (t.stochastic() ? "SDE" : "ODE") + ", order " + t.order()
                + ", " + t.modelCallsPerStep() + " call(s)/step");
    }

    static CheckResult tolerancesInBounds(Subject s) {
        String bad = s.tolerances().outOfBounds();
        return CheckResult.of("tolerances-in-bounds", bad == null, bad == null ? "within the kit's bounds" : bad,
                "declared tolerances must stay within Tolerances.BOUNDS " + Tolerances.BOUNDS);
    }

    static CheckResult modelCallsAsDeclared(Subject s) {
        Schedule schedule = TestProblems.schedule(s.family());
        if (s.traits().adaptive()) {
            Grid grid = TestProblems.toNoiseFloor(schedule, 1);
            Solver<?> solver = s.create(grid, s.target());
            CountingDenoiser counting = new CountingDenoiser(new GaussianMixtureDenoiser(TestProblems.gaussian(), s.target()));
            SamplingResult r = sample(solver, counting, TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 3), 5);
            boolean ok = solver.totalModelCalls() == Solver.ADAPTIVE && r.modelCalls() == counting.calls() && counting.calls() > 0;
            return CheckResult.of("model-calls-as-declared", ok, "adaptive: " + counting.calls() + " calls over one grid step",
                    "an adaptive solver declares Solver.ADAPTIVE and every call goes through the loop");
        }
        int declaredPerStep = s.traits().modelCallsPerStep();
        for (Grid grid : List.of(TestProblems.toNoiseFloor(schedule, 12), TestProblems.toData(schedule, 12))) {
            Solver<?> solver = s.create(grid, s.target());
            int mid = grid.steps() / 2;
            if (solver.modelCalls(mid) != declaredPerStep) {
                return CheckResult.fail("model-calls-as-declared", solver.modelCalls(mid) + " calls at step " + mid,
                        "traits declare " + declaredPerStep + " model calls per step");
            }
            CountingDenoiser counting = new CountingDenoiser(new GaussianMixtureDenoiser(TestProblems.gaussian(), s.target()));
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 3);
            SamplingResult r = sample(solver, counting, xT, 5);
            if (counting.calls() != solver.totalModelCalls() || r.modelCalls() != counting.calls()) {
                return CheckResult.fail("model-calls-as-declared", counting.calls() + " calls",
                        "the solver declared " + solver.totalModelCalls() + " calls for " + grid.steps() + " steps");
            }
        }
        return CheckResult.pass("model-calls-as-declared", declaredPerStep + " call(s)/step as declared");
    }

    static CheckResult order(Subject s) {
        if (s.traits().adaptive()) return CheckResult.skip("order", "adaptive solver: its accuracy is set by tolerances (checked by mixture-flow)");
        if (s.traits().samplesConsistencyModel()) return consistencyOrder(s);
        if (s.traits().model() == SolverTraits.ModelKind.TRAJECTORY_CONSISTENCY) return noExactModel("order", weakOrder(s));
        return s.traits().stochastic() ? weakOrder(s) : strongOrder(s);
    }

    /** An observed order: −slope of log error against log steps, with the errors and step counts it was fitted to. */
    record ObservedOrder(double order, List<Integer> steps, List<Double> errors) {
        boolean measurable() { return steps.size() >= 2; }

        String describe() {
            return "errors " + errors.stream().map(Checks::fmt).toList() + " at steps " + steps;
        }
    }

    /** Step counts of the ODE order measurements: doublings from 8 to 512. */
    static final List<Integer> ODE_STEPS = List.of(8, 16, 32, 64, 128, 256, 512);
    /** ODE errors below this are round-off rather than truncation error. */
    static final double ODE_ERROR_FLOOR = 1e-10;
    /** How many of the finest step counts above the floor the ODE slope is fitted to. */
    static final int ODE_WINDOW = 4;

    /**
     * The observed order in the asymptotic range: errors at {@link #ODE_STEPS} from coarse to fine, stopping below
     * {@link #ODE_ERROR_FLOOR}, and the least-squares slope over the finest {@link #ODE_WINDOW} above it (pre-asymptotic
     * terms fade with the step count: at 8 … 64 steps a fourth-order multistep method started at lower order still
     * shows ≈ 2.9).
     */
    static ObservedOrder asymptoticOrder(java.util.function.IntToDoubleFunction error) {
        List<Integer> steps = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int n : ODE_STEPS) {
            double e = error.applyAsDouble(n);
            if (!(e > ODE_ERROR_FLOOR)) break;
            steps.add(n);
            errors.add(e);
        }
        int from = Math.max(0, steps.size() - ODE_WINDOW);
        steps = steps.subList(from, steps.size());
        errors = errors.subList(from, errors.size());
        return new ObservedOrder(steps.size() >= 2 ? -slope(steps, errors) : Double.NaN, List.copyOf(steps), List.copyOf(errors));
    }

    /**
     * ODE: the slope of log error vs log steps against the closed-form Gaussian flow, in the asymptotic range. The PF-ODE
     * of Gaussian data is special (each coordinate's standardised value is conserved), and some methods converge on it
     * faster than their order (the explicit midpoint rule's h³ error term vanishes identically there); an order above
     * the declared one is therefore confirmed on a non-Gaussian problem, {@link TestProblems#bimodal()}, against the
     * kit's 1e-12 integration, where the declared order must hold. An order below the declared one fails.
     */
    static CheckResult strongOrder(Subject s) {
        int p = s.traits().order();
        double tol = s.tolerances().order();
        Schedule schedule = TestProblems.schedule(s.family());
        ObservedOrder gaussian = asymptoticOrder(n -> {
            Grid grid = TestProblems.toNoiseFloor(schedule, n);
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 11);
            Tensor got = sampleOn(s, grid, TestProblems.gaussian(), s.target(), xT, 1);
            Tensor exact = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, grid.from(0), grid.to(n - 1));
            return got.maxAbsDistance(exact);
        });
        if (gaussian.measurable() && gaussian.order() <= p + tol) {
            return CheckResult.of("order", Math.abs(gaussian.order() - p) <= tol,
                    "measured order " + fmt(gaussian.order()) + " on Gaussian data, declared " + p + " (" + gaussian.describe() + ")",
                    "differs from the declared order by more than " + tol);
        }
        String onGaussian = gaussian.measurable() ? fmt(gaussian.order()) + " on Gaussian data"
                : "exact on Gaussian data (errors below " + fmt(ODE_ERROR_FLOOR) + " from " + ODE_STEPS.get(gaussian.steps().size()) + " steps)";
        ObservedOrder mixture = mixtureOrder(s);
        if (!mixture.measurable()) {
            return CheckResult.fail("order", onGaussian + "; errors below " + fmt(ODE_ERROR_FLOOR) + " on the two-mode mixture too",
                    "too accurate to measure: declare a higher order");
        }
        String figure = "measured order " + fmt(mixture.order()) + " on a two-mode mixture, " + onGaussian + " (super-convergence there), declared "
                + p + "; mixture " + mixture.describe() + (gaussian.measurable() ? "; Gaussian " + gaussian.describe() : "");
        return CheckResult.of("order", Math.abs(mixture.order() - p) <= tol, figure,
                "on the mixture the order differs from the declared order by more than " + tol);
    }

    /** The observed order on {@link TestProblems#bimodal()} against the kit's DOP853 integration at 1e-12. */
    static ObservedOrder mixtureOrder(Subject s) {
        Schedule schedule = TestProblems.schedule(s.family());
        GaussianMixture data = TestProblems.bimodal();
        Map<List<NoiseLevel>, Tensor> references = new java.util.HashMap<>();
        return asymptoticOrder(n -> {
            Grid grid = TestProblems.toNoiseFloor(schedule, n);
            NoiseLevel from = grid.from(0), to = grid.to(n - 1);
            Tensor xT = TestProblems.initial(8, 1, from, Math.sqrt(1.25), 11); // the mixture's variance: 1 + 0.5²
            Tensor exact = references.computeIfAbsent(List.of(from, to), k -> ReferenceFlow.mixture(data, xT, from, to));
            return sampleOn(s, grid, data, s.target(), xT, 1).maxAbsDistance(exact);
        });
    }

    // ------------------------------------------------------------------ stochastic: moments of Gaussian data

    /** Data N(0.5, 0.5²) of the moment checks. */
    static final double MOMENT_MEAN = 0.5, MOMENT_STD = 0.5;
    /** Rows of the Monte Carlo moment checks of solvers that are not affine. */
    private static final int MOMENT_ROWS = 100_000;
    /** Rows of the Monte Carlo check that a solver's real draws give the exact moments of its affine map. */
    private static final int SANITY_ROWS = 20_000;

    /** The grids of the moment checks: as users run them ({@link TestProblems#toData}), or fine ones for weak orders. */
    enum MomentGrid {
        USER, FINE;

        Grid of(ScheduleFamily family, int n) {
            if (this == USER) return TestProblems.toData(TestProblems.schedule(family), n);
            return switch (family) {
                case VE -> TestProblems.toDataFine(TestProblems.FINE_VE, n);
                case CONTINUOUS_VP -> TestProblems.toDataFine(TestProblems.schedule(family), n);
                case DISCRETE_VP, RECTIFIED_FLOW -> TestProblems.toData(TestProblems.schedule(family), n);
            };
        }
    }

    /** Mean and std of the output on N(0.5, 0.5²) data. */
    record Moments(double mean, double std) {
        double error() { return Math.abs(mean - MOMENT_MEAN) + Math.abs(std - MOMENT_STD); }
    }

    /**
     * The model the solver is checked with on 1-d Gaussian data: the exact denoiser, or for a solver sampling a
     * consistency model the exact consistency function (in x₀ if accepted).
     */
    static Denoiser momentModel(Subject s, Prediction target) {
        return s.traits().samplesConsistencyModel()
                ? ReferenceFlow.consistencyFunction(new double[] {MOMENT_MEAN}, MOMENT_STD, target)
                : new GaussianMixtureDenoiser(GaussianMixture.single(new double[] {MOMENT_MEAN}, MOMENT_STD), target);
    }

    static Prediction momentTarget(Subject s, ScheduleFamily family) {
        return s.traits().samplesConsistencyModel() && s.traits().accepts().contains(Prediction.DATA) ? Prediction.DATA : s.target(family);
    }

    static String modelName(Subject s) {
        return s.traits().samplesConsistencyModel() ? "the exact Gaussian consistency function (consistency model)" : "the exact denoiser";
    }

    /** The affine map of the solver on the moment data, x_T from the exact marginal. */
    static ExactMoments.Fit fit(Subject s, ScheduleFamily family, Grid grid) {
        Prediction target = momentTarget(s, family);
        NoiseLevel l = grid.from(0);
        return ExactMoments.fit(s.create(grid, target), momentModel(s, target), l.alpha() * MOMENT_MEAN, marginalVariance(l), 8, 900 + grid.steps());
    }

    static double marginalVariance(NoiseLevel l) {
        return l.alpha() * l.alpha() * MOMENT_STD * MOMENT_STD + l.sigma() * l.sigma();
    }

    static Moments exactMoments(ExactMoments.Affine a, Grid grid) {
        NoiseLevel l = grid.from(0);
        return new Moments(a.mean(l.alpha() * MOMENT_MEAN), a.std(marginalVariance(l)));
    }

    /** Sample mean and std of {@code rows} samples at n steps, x_T from the exact marginal, with the solver's real draws. */
    static Moments monteCarloMoments(Subject s, ScheduleFamily family, Grid grid, int rows, long seed) {
        Prediction target = momentTarget(s, family);
        NoiseLevel l = grid.from(0);
        Tensor xT = TestProblems.initial(rows, 1, l, MOMENT_STD, seed).map(v -> v + l.alpha() * MOMENT_MEAN);
        Tensor out = sample(s.create(grid, target), momentModel(s, target), xT, seed + 1).samples();
        double mean = out.sum() / out.size();
        double var = 0;
        for (int i = 0; i < out.size(); i++) var += (out.get(i) - mean) * (out.get(i) - mean);
        return new Moments(mean, Math.sqrt(var / (out.size() - 1)));
    }

    /** The solver's affine maps at each step count on a family's grids (a {@link ExactMoments.NotAffine} where it has none). */
    static List<ExactMoments.Fit> fits(Subject s, ScheduleFamily family, MomentGrid grids, List<Integer> steps) {
        return steps.stream().map(n -> fit(s, family, grids.of(family, n))).toList();
    }

    /** The first step count at which the solver is not affine, described, or null when it is affine at every one. */
    static String notAffine(List<ExactMoments.Fit> fits, List<Integer> steps) {
        for (int i = 0; i < fits.size(); i++) {
            if (fits.get(i) instanceof ExactMoments.NotAffine na) return na.why() + " at " + steps.get(i) + " steps";
        }
        return null;
    }

    /** The exact weak errors |mean − μ| + |std − s| of affine maps (all affine) fitted on a family's grids. */
    static List<Double> exactErrors(List<ExactMoments.Fit> fits, ScheduleFamily family, MomentGrid grids, List<Integer> steps) {
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < fits.size(); i++) errors.add(exactMoments((ExactMoments.Affine) fits.get(i), grids.of(family, steps.get(i))).error());
        return errors;
    }

    /** Step counts of the exact weak-order measurement: in the asymptotic range. */
    static final List<Integer> WEAK_STEPS = List.of(32, 64, 128);
    /** Exact weak errors below this are round-off. */
    static final double WEAK_ERROR_FLOOR = 1e-11;

    /**
     * SDE: the weak error |mean − μ| + |std − s| on N(0.5, 0.5²) data against steps; its slope is the weak order.
     * Measured exactly ({@link ExactMoments}) at 32, 64 and 128 steps when the solver is affine in (x_T, draws), on a VE
     * schedule σ ∈ [0.001, 20] if supported, else on its default family (fine grids, {@link MomentGrid#FINE}); else by Monte
     * Carlo over 4 … 32 steps. On VE Gaussian data some methods converge faster than their order (Euler–Maruyama at
     * second order: every drift there is a multiple of y − μ, so the mean is exact and only the variance errs); an order
     * above the declared one is confirmed on the continuous VP schedule, whose drift also scales x, where the declared
     * order must hold. An order below the declared one fails.
     */
    static CheckResult weakOrder(Subject s) {
        int p = s.traits().order();
        double tol = s.tolerances().order();
        ScheduleFamily family = s.traits().schedules().contains(ScheduleFamily.VE) ? ScheduleFamily.VE : s.family();
        List<ExactMoments.Fit> fits = fits(s, family, MomentGrid.FINE, WEAK_STEPS);
        if (notAffine(fits, WEAK_STEPS) != null) return monteCarloWeakOrder(s, notAffine(fits, WEAK_STEPS));
        ObservedOrder first = exactWeakOrder(fits, family);
        String how = "exact moments, the solver being affine in (x_T, draws)";
        if (first.measurable() && first.order() <= p + tol) {
            return CheckResult.of("order", Math.abs(first.order() - p) <= tol,
                    "measured weak order " + fmt(first.order()) + " on " + family + ", declared " + p + " (" + how + "; " + first.describe() + ")",
                    "differs from the declared weak order by more than " + tol);
        }
        String onFirst = first.measurable() ? fmt(first.order()) + " on " + family : "exact on " + family + " (weak errors below " + fmt(WEAK_ERROR_FLOOR) + ")";
        ScheduleFamily confirm = ScheduleFamily.CONTINUOUS_VP;
        if (family == confirm || !s.traits().schedules().contains(confirm)) {
            return CheckResult.fail("order", "measured weak order " + onFirst + ", declared " + p + " (" + how + "; " + first.describe() + ")",
                    first.measurable() ? "differs from the declared weak order by more than " + tol + " (no continuous VP schedule to confirm on)"
                            : "too accurate to measure: declare a higher order");
        }
        List<ExactMoments.Fit> confirmFits = fits(s, confirm, MomentGrid.FINE, WEAK_STEPS);
        if (notAffine(confirmFits, WEAK_STEPS) != null) return monteCarloWeakOrder(s, notAffine(confirmFits, WEAK_STEPS));
        ObservedOrder second = exactWeakOrder(confirmFits, confirm);
        if (!second.measurable()) {
            return CheckResult.fail("order", onFirst + "; exact on " + confirm + " too", "too accurate to measure: declare a higher order");
        }
        String figure = "measured weak order " + fmt(second.order()) + " on " + confirm + ", " + onFirst + " (super-convergence there), declared " + p
                + " (" + how + "; " + confirm + " " + second.describe() + "; " + family + " " + first.describe() + ")";
        return CheckResult.of("order", Math.abs(second.order() - p) <= tol, figure,
                "on " + confirm + " the weak order differs from the declared one by more than " + tol);
    }

    /** The exact weak order from affine maps fitted at {@link #WEAK_STEPS} on fine grids of a family. */
    static ObservedOrder exactWeakOrder(List<ExactMoments.Fit> fits, ScheduleFamily family) {
        List<Double> all = exactErrors(fits, family, MomentGrid.FINE, WEAK_STEPS);
        List<Integer> used = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) > WEAK_ERROR_FLOOR) {
                used.add(WEAK_STEPS.get(i));
                errors.add(all.get(i));
            }
        }
        return new ObservedOrder(used.size() >= 2 ? -slope(used, errors) : Double.NaN, List.copyOf(used), List.copyOf(errors));
    }

    /** The Monte Carlo weak order of a solver that is not affine: 100 000 rows at 4 … 32 steps, errors above the statistical floor. */
    static CheckResult monteCarloWeakOrder(Subject s, String notAffine) {
        int p = s.traits().order();
        double floor = 3 * (MOMENT_STD / Math.sqrt(MOMENT_ROWS) + MOMENT_STD / Math.sqrt(2.0 * MOMENT_ROWS));
        List<Integer> used = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int n : List.of(4, 8, 16, 32)) {
            double e = monteCarloMoments(s, s.family(), MomentGrid.USER.of(s.family(), n), MOMENT_ROWS, 100 + n).error();
            if (e > floor) {
                used.add(n);
                errors.add(e);
            }
        }
        String why = "Monte Carlo, " + MOMENT_ROWS + " rows: not affine (" + notAffine + ")";
        if (used.size() < 2) {
            return CheckResult.skip("order", "weak errors below the statistical floor " + fmt(floor) + " from 8 steps on: order not measurable (" + why + ")");
        }
        double measured = -slope(used, errors);
        String figure = "measured weak order " + fmt(measured) + " (declared " + p + "; " + why + "; errors "
                + errors.stream().map(Checks::fmt).toList() + " at steps " + used + ")";
        return CheckResult.of("order", Math.abs(measured - p) <= s.tolerances().order(), figure,
                "differs from the declared weak order by more than " + s.tolerances().order());
    }

    /** Step counts of the consistency check: from one step (one-step generation) to many. */
    static final List<Integer> CONSISTENCY_STEPS = List.of(1, 2, 4, 8, 16, 32);

    /**
     * A solver sampling a consistency model: with the exact consistency function of N(0.5, 0.5²) every step count
     * must give the data's moments (within the moment tolerance), since each step maps the exact marginal to the data
     * exactly and re-noises to the next exact marginal: no discretisation error to converge away.
     */
    static CheckResult consistencyOrder(Subject s) {
        ScheduleFamily family = s.family();
        List<ExactMoments.Fit> fits = fits(s, family, MomentGrid.USER, CONSISTENCY_STEPS);
        String notAffine = notAffine(fits, CONSISTENCY_STEPS);
        double bound = s.tolerances().momentError();
        List<Integer> steps = CONSISTENCY_STEPS;
        List<Double> errors;
        String how = "exact moments";
        if (notAffine == null) {
            errors = exactErrors(fits, family, MomentGrid.USER, steps);
        } else {
            steps = List.of(2, 8, 32);
            errors = new ArrayList<>();
            for (int n : steps) errors.add(monteCarloMoments(s, family, MomentGrid.USER.of(family, n), MOMENT_ROWS, 300 + n).error());
            bound += 5 * (MOMENT_STD / Math.sqrt(MOMENT_ROWS) + MOMENT_STD / Math.sqrt(2.0 * MOMENT_ROWS));
            how = "Monte Carlo, " + MOMENT_ROWS + " rows: not affine (" + notAffine + ")";
        }
        double worst = errors.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String figure = "consistency model: max weak error " + fmt(worst) + " over " + steps.get(0) + " … " + steps.get(steps.size() - 1)
                + " steps with " + modelName(s) + " (bound " + fmt(bound) + " at every step count, an exact consistency function leaving no discretisation error; declared order "
                + s.traits().order() + "; " + how + " on " + family + "; errors " + errors.stream().map(Checks::fmt).toList() + " at steps " + steps + ")";
        return CheckResult.of("order", worst <= bound, figure,
                "with an exact consistency function every step count must give the data's moments within " + fmt(bound));
    }

    /**
     * SDE: mean and std of samples of N(0.5, 0.5²) data at 100 steps, with the exact denoiser (or the exact consistency
     * function for a solver sampling a consistency model). When the solver is affine in (x_T, draws) its moments are
     * exact; their bound stays the one of the 100 000-row Monte Carlo check they replace (the moment tolerance plus 5 of
     * its standard errors): exact moments remove that check's noise, not its allowance. A Monte Carlo run with the
     * solver's own draws must then agree with the exact moments within 5 standard errors. Otherwise Monte Carlo alone.
     */
    /**
     * A trajectory-consistency sampler: no exact model exists to check it with (SolverTraits.ModelKind), so the check
     * is skipped; what it measures with the exact denoiser is reported, not judged.
     */
    static CheckResult noExactModel(String check, CheckResult withDenoiser) {
        return CheckResult.skip(check, "samples a trajectory-consistency model, which no exact model of (x, t) represents,"
                + " so convergence is not checkable (reference parity proves it); with the exact denoiser: " + withDenoiser.figure());
    }

    static CheckResult gaussianMoments(Subject s) {
        if (!s.traits().stochastic()) return CheckResult.skip("gaussian-moments", "deterministic solver (checked by order and mixture-flow)");
        if (s.traits().model() == SolverTraits.ModelKind.TRAJECTORY_CONSISTENCY) return noExactModel("gaussian-moments", diffusionMoments(s));
        return diffusionMoments(s);
    }

    /** The moments check against the solver's own model kind (the exact denoiser unless it samples a consistency model). */
    static CheckResult diffusionMoments(Subject s) {
        ScheduleFamily family = s.family();
        Grid grid = MomentGrid.USER.of(family, 100);
        double bound = s.tolerances().momentError() + 5 * MOMENT_STD / Math.sqrt(MOMENT_ROWS);
        String with = " with " + modelName(s);
        ExactMoments.Fit f = fit(s, family, grid);
        if (f instanceof ExactMoments.Affine a) {
            Moments exact = exactMoments(a, grid);
            Moments mc = monteCarloMoments(s, family, grid, SANITY_ROWS, 7);
            double seMean = 5 * exact.std() / Math.sqrt(SANITY_ROWS), seStd = 5 * exact.std() / Math.sqrt(2.0 * SANITY_ROWS);
            boolean exactOk = Math.abs(exact.mean() - MOMENT_MEAN) <= bound && Math.abs(exact.std() - MOMENT_STD) <= bound;
            boolean drawsOk = Math.abs(mc.mean() - exact.mean()) <= seMean && Math.abs(mc.std() - exact.std()) <= seStd;
            String figure = "exact mean " + fmt(exact.mean()) + ", std " + fmt(exact.std()) + " (data 0.5, 0.5; affine in (x_T, "
                    + a.draws() + " draws)" + with + "); own draws, " + SANITY_ROWS + " rows: mean " + fmt(mc.mean()) + ", std " + fmt(mc.std());
            if (!exactOk) return CheckResult.fail("gaussian-moments", figure, "exact moment error beyond " + fmt(bound));
            return CheckResult.of("gaussian-moments", drawsOk, figure,
                    "the Monte Carlo moments with the solver's own draws differ from its exact moments by more than 5 standard errors");
        }
        Moments mc = monteCarloMoments(s, family, grid, MOMENT_ROWS, 7);
        double em = Math.abs(mc.mean() - MOMENT_MEAN), es = Math.abs(mc.std() - MOMENT_STD);
        String figure = "mean " + fmt(mc.mean()) + ", std " + fmt(mc.std()) + " (data 0.5, 0.5; Monte Carlo, " + MOMENT_ROWS
                + " rows" + with + "; not affine: " + ((ExactMoments.NotAffine) f).why() + ")";
        return CheckResult.of("gaussian-moments", em <= bound && es <= bound, figure,
                "moment error beyond 5 standard errors + " + s.tolerances().momentError());
    }

    /** ODE: the endpoint on both benchmark mixtures against the kit's own 1e-12 integration of the PF-ODE. */
    static CheckResult mixtureFlow(Subject s) {
        if (s.traits().stochastic()) return CheckResult.skip("mixture-flow", "stochastic solver (checked by moments)");
        if (!s.traits().schedules().contains(ScheduleFamily.DISCRETE_VP)) {
            return CheckResult.skip("mixture-flow", "the mixture problems use a discrete VP schedule, which the solver does not support");
        }
        int p = s.traits().order();
        int n = p == 1 ? 100 : p == 2 ? 50 : 25;
        List<String> figures = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, GaussianMixture> e : Map.of("gmm2d-ring", TestProblems.ring(), "gmm16", TestProblems.gmm16()).entrySet()) {
            Grid grid = TestProblems.toNoiseFloor(TestProblems.discrete(), n);
            GaussianMixture data = e.getValue();
            Tensor xT = NoiseSource.seeded(21).gaussian(6, data.dimension());
            Tensor got = sampleOn(s, grid, data, s.target(), xT, 1);
            Tensor exact = ReferenceFlow.mixture(data, xT, grid.from(0), grid.to(n - 1));
            double rmse = got.rmsDistance(exact);
            worst = Math.max(worst, rmse);
            figures.add(e.getKey() + " RMSE " + fmt(rmse));
        }
        return CheckResult.of("mixture-flow", worst <= s.tolerances().mixtureError(), String.join(", ", figures) + " at " + n + " steps",
                "exceeds " + s.tolerances().mixtureError());
    }

    /** ODE: on single-point data every solver lands on the point. */
    static CheckResult singlePoint(Subject s) {
        if (s.traits().stochastic()) return CheckResult.skip("single-point", "stochastic solver");
        Schedule schedule = TestProblems.schedule(s.family());
        double worst = 0;
        for (int n : List.of(1, 5, 20)) {
            Grid grid = TestProblems.toData(schedule, n);
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), 0, 13);
            Tensor got = sampleOn(s, grid, TestProblems.point(), s.target(), xT, 1);
            Tensor point = Tensor.of(new double[][] {TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_MEAN,
                    TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_MEAN});
            worst = Math.max(worst, relativeDistance(got, point));
        }
        return CheckResult.of("single-point", worst <= s.tolerances().pointError(), "relative distance to the point " + fmt(worst),
                "exceeds " + s.tolerances().pointError());
    }

    /** Deterministic: seed-independent and no draws; stochastic: same seed same output, another seed different. */
    static CheckResult seedBehaviour(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 10);
        Solver<?> solver = s.create(grid, s.target());
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(TestProblems.ring(), s.target());
        Tensor xT = NoiseSource.seeded(5).gaussian(16, 2);
        CountingNoise n1 = new CountingNoise(NoiseSource.seeded(1));
        Tensor a = Sampler.sample(solver, denoiser, xT, n1).samples();
        Tensor a2 = Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(1)).samples();
        Tensor b = Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(2)).samples();
        if (!s.traits().stochastic()) {
            boolean ok = a.equals(b) && n1.draws() == 0;
            return CheckResult.of("seed-behaviour", ok, n1.draws() + " draws, seed difference " + fmt(a.maxAbsDistance(b)),
                    "a deterministic solver must draw no noise and give bit-identical output for any seed");
        }
        boolean ok = a.equals(a2) && a.maxAbsDistance(b) > 1e-6 && n1.draws() > 0;
        return CheckResult.of("seed-behaviour", ok, n1.draws() + " draws; same-seed difference " + fmt(a.maxAbsDistance(a2))
                        + ", other-seed difference " + fmt(a.maxAbsDistance(b)),
                "a stochastic solver must draw from the NoiseSource: identical for one seed, different for another");
    }

    /** Repeated runs on one instance and on a fresh instance agree bit for bit: no state survives a run. */
    static CheckResult repeatable(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 10);
        Solver<?> solver = s.create(grid, s.target());
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(TestProblems.ring(), s.target());
        Tensor x1 = NoiseSource.seeded(31).gaussian(8, 2), x2 = NoiseSource.seeded(32).gaussian(8, 2);
        Tensor first = sample(solver, denoiser, x1, 4).samples();
        sample(solver, denoiser, x2, 9);
        Tensor again = sample(solver, denoiser, x1, 4).samples();
        Tensor fresh = sample(s.create(grid, s.target()), denoiser, x1, 4).samples();
        double d = Math.max(first.maxAbsDistance(again), first.maxAbsDistance(fresh));
        return CheckResult.of("repeatable-no-hidden-state", first.equals(again) && first.equals(fresh), "max difference " + fmt(d),
                "a run changed what a later run computes (state kept in the solver or provider)");
    }

    /** The same answer whatever target the denoiser predicts natively. */
    static CheckResult nativeTargetInvariance(Subject s) {
        Schedule schedule = TestProblems.schedule(s.family());
        Grid grid = TestProblems.toNoiseFloor(schedule, 10);
        Tensor xT = NoiseSource.seeded(17).gaussian(8, 2);
        Tensor reference = null;
        Prediction referenceTarget = null;
        double worst = 0;
        List<Prediction> tried = new ArrayList<>();
        for (Prediction target : Prediction.values()) {
            if (!s.traits().accepts().contains(target)) continue;
            Tensor out = sampleOn(s, grid, TestProblems.ring(), target, xT, 3);
            tried.add(target);
            if (reference == null) {
                reference = out;
                referenceTarget = target;
            } else {
                worst = Math.max(worst, relativeDistance(out, reference));
            }
        }
        if (tried.size() < 2) return CheckResult.skip("native-target-invariance", "accepts only " + tried);
        return CheckResult.of("native-target-invariance", worst <= s.tolerances().targetAgreement(),
                "max relative difference " + fmt(worst) + " over " + tried + " (vs " + referenceTarget + ")",
                "exceeds " + s.tolerances().targetAgreement());
    }

    /** A batch of rows gives what each row gives alone (with its own row of the counter-based noise). */
    static CheckResult batchInvariance(Subject s) {
        if (s.traits().adaptive()) return CheckResult.skip("batch-invariance", "adaptive solver: step sizes are chosen from every row's error");
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 8);
        Solver<?> solver = s.create(grid, s.target());
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(TestProblems.ring(), s.target());
        Tensor xT = NoiseSource.seeded(41).gaussian(6, 2);
        Tensor batch = Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(8)).samples();
        double worst = 0;
        for (int i = 0; i < xT.rows(); i++) {
            Tensor alone = Sampler.sample(solver, denoiser, xT.row(i), NoiseSource.seeded(8, i)).samples();
            worst = Math.max(worst, alone.maxAbsDistance(batch.row(i)));
        }
        return CheckResult.of("batch-invariance", worst <= 1e-12 * Math.max(1, batch.maxAbs()), "max row difference " + fmt(worst),
                "rows of a batch must not influence each other");
    }

    /** One solver instance shared by 8 threads gives the sequential results. */
    static CheckResult threadSafety(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 20);
        Solver<?> solver = s.create(grid, s.target());
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(TestProblems.ring(), s.target());
        int runs = 16;
        List<Tensor> sequential = new ArrayList<>();
        for (int k = 0; k < runs; k++) sequential.add(sample(solver, denoiser, NoiseSource.seeded(100 + k).gaussian(32, 2), k).samples());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Tensor>> futures = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                for (int k = 0; k < runs; k++) {
                    int kk = k;
                    futures.add(pool.submit(() -> sample(solver, denoiser, NoiseSource.seeded(100 + kk).gaussian(32, 2), kk).samples()));
                }
            }
            int mismatches = 0;
            for (int i = 0; i < futures.size(); i++) {
                if (!futures.get(i).get().equals(sequential.get(i % runs))) mismatches++;
            }
            return CheckResult.of("thread-safety", mismatches == 0, mismatches + " of " + futures.size() + " concurrent runs differ",
                    "the solver is not safe to share between threads");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("thread-safety", "interrupted", e.toString());
        } catch (java.util.concurrent.ExecutionException e) {
            return CheckResult.fail("thread-safety", "a concurrent run threw " + e.getCause().getClass().getSimpleName(),
                    String.valueOf(e.getCause().getMessage()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Works on every declared schedule family (close to the exact Gaussian flow); refuses the others by name. */
    static CheckResult scheduleFamilies(Subject s) {
        List<String> figures = new ArrayList<>();
        for (ScheduleFamily f : ScheduleFamily.values()) {
            Schedule schedule = TestProblems.schedule(f);
            Grid grid = TestProblems.toData(schedule, 20);
            if (!s.traits().schedules().contains(f)) {
                try {
                    s.create(grid, s.target(f));
                    return CheckResult.fail("schedule-families", f + " accepted", "create accepted a schedule family the traits do not declare");
                } catch (IllegalArgumentException e) {
                    if (!String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains(f.name())) {
                        return CheckResult.fail("schedule-families", f + " refused without naming it", "message: " + e.getMessage());
                    }
                    figures.add(f + " refused");
                    continue;
                }
            }
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 23);
            Tensor got = sampleOn(s, grid, TestProblems.gaussian(), s.target(f), xT, 2);
            if (!s.traits().stochastic()) {
                Tensor exact = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, grid.from(0), grid.to(grid.steps() - 1));
                double e = relativeDistance(got, exact);
                if (e > 0.1) return CheckResult.fail("schedule-families", f + " relative error " + fmt(e), "20 steps should be within 10 % of the exact flow");
                figures.add(f + " " + fmt(e));
            } else {
                figures.add(f + " ok");
            }
        }
        return CheckResult.pass("schedule-families", String.join(", ", figures));
    }

    /** Every supported schedule with 1, 2, 3 and 5 steps to clean data gives finite samples. */
    static CheckResult lowStepCounts(Subject s) {
        int runs = 0;
        for (ScheduleFamily f : EnumSet.allOf(ScheduleFamily.class)) {
            if (!s.traits().schedules().contains(f)) continue;
            for (int n : List.of(1, 2, 3, 5)) {
                Grid grid = TestProblems.toData(TestProblems.schedule(f), n);
                Tensor xT = TestProblems.initial(4, 2, grid.from(0), 1, 29);
                try {
                    Tensor out = sampleOn(s, grid, TestProblems.ring(), s.target(f), xT, 6);
                    if (!out.isFinite()) return CheckResult.fail("low-step-counts", f + ", " + n + " steps: non-finite", "");
                } catch (NonFiniteValueException e) {
                    return CheckResult.fail("low-step-counts", f + ", " + n + " steps: " + e.getMessage(), "");
                }
                runs++;
            }
        }
        return CheckResult.pass("low-step-counts", runs + " runs finite");
    }

    /** A NaN from the model stops the run with NonFiniteValueException; it is never swallowed. */
    static CheckResult modelNanReported(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 6);
        Solver<?> solver = s.create(grid, s.target());
        Denoiser inner = new GaussianMixtureDenoiser(TestProblems.ring(), s.target());
        Denoiser poisoned = new Denoiser() {
            private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

            @Override public Prediction target() { return inner.target(); }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
                Tensor out = inner.predict(x, level, c);
                return calls.incrementAndGet() == 2 ? out.map(v -> Double.NaN) : out;
            }
        };
        try {
            Tensor out = Sampler.sample(solver, poisoned, NoiseSource.seeded(3).gaussian(4, 2), NoiseSource.seeded(4)).samples();
            return CheckResult.fail("model-nan-reported", "returned " + (out.isFinite() ? "finite" : "non-finite") + " samples",
                    "a NaN prediction must stop the run with NonFiniteValueException");
        } catch (NonFiniteValueException e) {
            return CheckResult.pass("model-nan-reported", "reported: " + e.getMessage());
        }
    }

    static CheckResult refusesUnknownOption(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 5);
        String bogus = "no_such_option_xyz";
        try {
            s.provider().create(new SolverConfig(grid, s.target(), s.options().with(bogus, "1")));
            return CheckResult.fail("refuses-unknown-option", "accepted '" + bogus + "'", "create must refuse options it does not declare");
        } catch (IllegalArgumentException e) {
            boolean named = String.valueOf(e.getMessage()).contains(bogus);
            return CheckResult.of("refuses-unknown-option", named, "refused: " + e.getMessage(), "the message must name the option");
        }
    }

    static CheckResult refusesUnsupportedTargets(Subject s) {
        Grid grid = TestProblems.toData(TestProblems.schedule(s.family()), 5);
        List<String> figures = new ArrayList<>();
        for (Prediction p : Prediction.values()) {
            if (s.traits().accepts().contains(p)) continue;
            try {
                s.create(grid, p);
                return CheckResult.fail("refuses-unsupported-targets", p.id() + " accepted", "create must refuse targets the traits do not accept");
            } catch (IllegalArgumentException e) {
                if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(p.id())) {
                    return CheckResult.fail("refuses-unsupported-targets", p.id() + " refused without naming it", e.getMessage());
                }
                figures.add(p.id() + " refused");
            }
        }
        if (figures.isEmpty()) return CheckResult.skip("refuses-unsupported-targets", "accepts every target");
        return CheckResult.pass("refuses-unsupported-targets", String.join(", ", figures));
    }
}
