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
        return s.traits().stochastic() ? weakOrder(s) : strongOrder(s);
    }

    /** ODE: the slope of log error vs log steps against the closed-form Gaussian flow. */
    static CheckResult strongOrder(Subject s) {
        int p = s.traits().order();
        Schedule schedule = TestProblems.schedule(s.family());
        List<Integer> ns = p <= 2 ? List.of(16, 32, 64, 128) : List.of(8, 16, 32, 64);
        List<Integer> used = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int n : ns) {
            Grid grid = TestProblems.toNoiseFloor(schedule, n);
            Tensor xT = TestProblems.initial(4, 3, grid.from(0), TestProblems.GAUSSIAN_STD, 11);
            Tensor got = sampleOn(s, grid, TestProblems.gaussian(), s.target(), xT, 1);
            Tensor exact = ReferenceFlow.gaussian(TestProblems.GAUSSIAN_MEAN, TestProblems.GAUSSIAN_STD, xT, grid.from(0), grid.to(n - 1));
            double e = got.maxAbsDistance(exact);
            if (e > 1e-11) { // below that, round-off hides the truncation error
                used.add(n);
                errors.add(e);
            }
        }
        if (used.size() < 2) {
            return CheckResult.fail("order", "errors below 1e-11 at " + ns, "too accurate to measure: declare a higher order");
        }
        double measured = -slope(used, errors);
        String figure = "measured order " + fmt(measured) + " (declared " + p + "; errors " + errors.stream().map(Checks::fmt).toList()
                + " at steps " + used + ")";
        return CheckResult.of("order", Math.abs(measured - p) <= s.tolerances().order(), figure,
                "differs from the declared order by more than " + s.tolerances().order());
    }

    private static final int MOMENT_ROWS = 100_000;

    /** Sample mean and std of a stochastic solver on 1-d Gaussian data N(0.5, 0.5²) at n steps. */
    static double[] moments(Subject s, int n, long seed) {
        Schedule schedule = TestProblems.schedule(s.family());
        Grid grid = TestProblems.toData(schedule, n);
        GaussianMixture data = GaussianMixture.single(new double[] {0.5}, 0.5);
        Tensor xT = TestProblems.initial(MOMENT_ROWS, 1, grid.from(0), 0.5, seed);
        Tensor out = sampleOn(s, grid, data, s.target(), xT, seed + 1);
        double mean = out.sum() / out.size();
        double var = 0;
        for (int i = 0; i < out.size(); i++) var += (out.get(i) - mean) * (out.get(i) - mean);
        return new double[] {mean, Math.sqrt(var / (out.size() - 1))};
    }

    /** SDE: the weak error |mean − μ| + |std − s| against steps; its slope is the weak order. */
    static CheckResult weakOrder(Subject s) {
        int p = s.traits().order();
        double floor = 3 * (0.5 / Math.sqrt(MOMENT_ROWS) + 0.5 / Math.sqrt(2.0 * MOMENT_ROWS));
        List<Integer> used = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int n : List.of(4, 8, 16, 32)) {
            double[] m = moments(s, n, 100 + n);
            double e = Math.abs(m[0] - 0.5) + Math.abs(m[1] - 0.5);
            if (e > floor) {
                used.add(n);
                errors.add(e);
            }
        }
        if (used.size() < 2) {
            return CheckResult.skip("order", "weak errors below the statistical floor " + fmt(floor) + " from 8 steps on: order not measurable");
        }
        double measured = -slope(used, errors);
        String figure = "measured weak order " + fmt(measured) + " (declared " + p + "; errors " + errors.stream().map(Checks::fmt).toList()
                + " at steps " + used + ")";
        return CheckResult.of("order", Math.abs(measured - p) <= s.tolerances().order(), figure,
                "differs from the declared weak order by more than " + s.tolerances().order());
    }

    /** SDE: mean and std of samples of Gaussian data at 100 steps. */
    static CheckResult gaussianMoments(Subject s) {
        if (!s.traits().stochastic()) return CheckResult.skip("gaussian-moments", "deterministic solver (checked by order and mixture-flow)");
        double[] m = moments(s, 100, 7);
        double se = 5 * 0.5 / Math.sqrt(MOMENT_ROWS);
        double em = Math.abs(m[0] - 0.5), es = Math.abs(m[1] - 0.5);
        String figure = "mean " + fmt(m[0]) + ", std " + fmt(m[1]) + " (exact 0.5, 0.5)";
        return CheckResult.of("gaussian-moments", em <= se + s.tolerances().momentError() && es <= se + s.tolerances().momentError(),
                figure, "moment error beyond 5 standard errors + " + s.tolerances().momentError());
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
