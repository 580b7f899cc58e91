package org.diffuse4j.cli.replay.suite;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.predict.Predictions;
import org.diffuse4j.cli.replay.ReplayException;
import org.diffuse4j.cli.replay.suite.SuiteCase.ScaleMode;

/**
 * The generic loop of diffusers' scheduler tests, run with a diffuse4j solver: x = x_init (D or
 * D·init_noise_sigma); optionally x = add_noise(x, N, timesteps[k]) and loop over timesteps[k:]; each call
 * hands the model the sample as the test does ({@code model_input_only}: scale_model_input(x); {@code not_used}:
 * x itself; {@code state_replaced}: the scaled x, which also replaces the state the scheduler steps from).
 *
 * <p>{@code state_replaced} is a quirk of the tests, not of any scheduler: a σ-space scheduler then treats the
 * VP-scaled sample y/√(σ²+1) as its state. It is reproduced here, between solver steps, by rescaling the solver's
 * state; the solvers themselves never see it.
 */
final class SuiteLoop {
    private SuiteLoop() {}

    /** Runs a plan for a case and returns the final sample in the scheduler's variables. */
    static Tensor run(Plan plan, SuiteCase c, SuiteContext ctx) {
        int k = c.procedure().loopStart();
        if (k < 0) throw new ReplayException("loop '" + c.procedure().loop() + "' is not a timesteps[k:] loop");
        return run(plan, c, ctx, k);
    }

    /** Runs a plan from {@code timesteps[k]} on (the caller has checked the case's loop). */
    static Tensor run(Plan plan, SuiteCase c, SuiteContext ctx, int k) {
        return run(plan, c, ctx, k, 1);
    }

    /**
     * Runs a plan from {@code timesteps[k]} on, walking the timesteps {@code passes} times: between passes a test
     * resets only the scheduler's step index (IPNDM's test), so the next pass starts at the first level with the
     * solver's history of the previous one, reproduced by restarting the solver's state at index 0.
     */
    static Tensor run(Plan plan, SuiteCase c, SuiteContext ctx, int k, int passes) {
        checkSchedule(plan, c);
        SuiteCase.Procedure p = c.procedure();
        int first = plan.stepOfIndex().applyAsInt(k);
        SolverProvider provider = ctx.solver(plan.solverId());
        Solver<?> solver;
        if (plan.startOption() == null) {
            solver = provider.create(new SolverConfig(subGrid(plan.grid(), first), plan.target(), plan.options()));
        } else { // a solver whose steps depend on the skipped part of the schedule gets the whole grid
            solver = provider.create(new SolverConfig(plan.grid(), plan.target(),
                    plan.options().with(plan.startOption(), Integer.toString(first))));
            if (solver.grid().steps() != plan.grid().steps() - first) {
                throw new ReplayException("solver '" + plan.solverId() + "' walks " + solver.grid().steps() + " steps after "
                        + plan.startOption() + "=" + first + ", expected " + (plan.grid().steps() - first));
            }
        }
        Grid grid = solver.grid();

        Tensor y = switch (p.xInit()) {
            case "D" -> Dummies.sample(c.dummyShape());
            case "D*init_noise_sigma" -> Dummies.sample(c.dummyShape()).scale(plan.initNoiseSigma());
            default -> throw new ReplayException("x_init '" + p.xInit() + "' is not part of the generic loop");
        };
        NoiseLevel start = grid.from(0);
        if (p.addsNoise()) {
            // the recorded add_noise timestep comes from the float32 run
            if (plan.timesteps() != null && Math.abs(plan.timesteps()[k] - p.addNoiseAt()) > 1e-6 * Math.max(1, Math.abs(p.addNoiseAt()))) {
                throw new ReplayException("add_noise at timestep " + p.addNoiseAt() + " but timesteps[" + k + "] = " + plan.timesteps()[k]);
            }
            y = addNoise(plan.space(), y, Dummies.noise(c.dummyShape()), start);
        }
        Tensor x = plan.space().toVp(y, start);

        List<Tensor> draws = c.noise() == null ? List.of() : RecordedNoise.draws(c.noise(), ctx.suiteDir());
        NoiseSource noise = NoiseSource.replay(draws);

        Tensor out;
        boolean replaced = p.scaleMode() == ScaleMode.STATE_REPLACED && plan.scaling() != Plan.Scaling.NONE;
        if (passes < 1) throw new ReplayException("a loop of " + passes + " passes");
        if (replaced && passes > 1) throw new ReplayException("state_replaced over several passes is not reproduced");
        if (replaced) {
            out = replacedLoop(solver, plan, x, noise);
        } else {
            DummyModel.Input input = switch (p.scaleMode()) {
                case NOT_USED -> (v, level) -> plan.space().fromVp(v, level);
                case MODEL_INPUT_ONLY, STATE_REPLACED -> (v, level) -> plan.scaling().apply(plan.space().fromVp(v, level), level);
            };
            DummyModel model = new DummyModel(plan.target(), input, plan.output());
            out = passes == 1 ? Sampler.sample(solver, model, x, noise).samples() : passesLoop(solver, model, x, noise, passes);
        }
        checkDraws(plan.solverId(), noise.draws(), c);
        return plan.space().fromVp(out, grid.to(grid.steps() - 1));
    }

    /**
     * Fails unless the solver consumed every recorded draw, or all but those of the reference's last step call: some
     * references draw on their last step noise they scale by zero (σ_up = 0 onto σ = 0, a consistency model's
     * √(σ_min² − σ_min²)), which the solvers, drawing only for noise they add, do not draw.
     */
    static void checkDraws(String solverId, long consumed, SuiteCase c) {
        int recorded = c.noise() == null ? 0 : c.noise().shapes().size();
        if (consumed == recorded) return;
        if (consumed < recorded && c.noise().stepCalls() != null) {
            int lastCall = c.procedure().stepCalls() - 1;
            boolean trailing = true;
            for (int i = (int) consumed; i < recorded; i++) trailing &= c.noise().stepCalls()[i] == lastCall;
            if (trailing) return;
        }
        throw new ReplayException("solver '" + solverId + "' drew " + consumed + " times, the reference " + recorded + " times");
    }

    /** add_noise at a level: α·x₀ + σ·N for VP samples, y + (σ/α)·N for σ-space samples. */
    static Tensor addNoise(Plan.Space space, Tensor sample, Tensor n, NoiseLevel level) {
        return space == Plan.Space.VP ? Tensor.combine(level.alpha(), sample, level.sigma(), n)
                : Tensor.combine(1, sample, level.sigmaVe(), n);
    }

    /** The grid from step {@code first} on. */
    static Grid subGrid(Grid grid, int first) {
        if (first == 0) return grid;
        if (first < 0 || first >= grid.steps()) throw new ReplayException("loop starts at step " + first + " of " + grid.steps());
        List<NoiseLevel> levels = grid.levels().subList(first, grid.steps() + 1);
        Grid sub = Grid.of(grid.schedule(), levels);
        if (!grid.hasLandings()) return sub;
        List<NoiseLevel> landings = new ArrayList<>();
        for (int i = first; i < grid.steps(); i++) landings.add(grid.to(i));
        return sub.withLandings(landings);
    }

    /** Fails when the plan's timesteps, sigmas or init_noise_sigma differ from the ones the float64 reference recorded. */
    static void checkSchedule(Plan plan, SuiteCase c) {
        compare("timesteps", plan.timesteps(), c.timesteps());
        if (c.sigmas() != null && plan.sigmas() != null) compare("sigmas", plan.sigmas(), c.sigmas());
        if (c.procedure().xInit().equals("D*init_noise_sigma") && Double.isFinite(c.initNoiseSigma())) {
            compare("init_noise_sigma", new double[] {plan.initNoiseSigma()}, new double[] {c.initNoiseSigma()});
        }
    }

    private static void compare(String what, double[] mine, double[] ref) {
        if (mine == null || ref == null) return;
        if (mine.length != ref.length) {
            throw new ReplayException("computed " + mine.length + " " + what + ", the reference has " + ref.length);
        }
        for (int i = 0; i < mine.length; i++) {
            if (Math.abs(mine[i] - ref[i]) > 1e-9 * Math.max(1, Math.abs(ref[i]))) {
                throw new ReplayException("computed " + what + "[" + i + "] = " + mine[i] + " but the reference has " + ref[i]);
            }
        }
    }

    /**
     * The {@code state_replaced} loop. Before each solver step the state is replaced by the scaled sample (in VP
     * variables x ← to_vp(scale(from_vp(x)))), and the model receives that sample. A solver step that calls the
     * model more than once (Heun, KDPM2) spans several scheduler calls in the reference, each of which replaced its
     * sample too: a later call's model input is the scaled stage sample, and the reference's derivative
     * (sample − x̂₀)/σ is taken from that replaced sample; the model hands the solver that derivative as ε̂, which
     * is what a derivative-based stage uses.
     */
    private static <S extends SolverState> Tensor replacedLoop(Solver<S> solver, Plan plan, Tensor x, NoiseSource noise) {
        if (plan.output() != DummyModel.Output.RAW || plan.space() != Plan.Space.VE) {
            throw new ReplayException("state_replaced is reproduced for σ-space schedulers with raw model outputs only");
        }
        Grid grid = solver.grid();
        ReplacedModel model = new ReplacedModel(plan);
        S state = solver.start(x);
        for (int i = 0; i < grid.steps(); i++) {
            state = withX(state, replace(plan, state.x(), grid.from(i)));
            model.callInStep = 0;
            state = solver.step(state, model, noise);
            int declared = solver.modelCalls(i);
            if (declared != Solver.ADAPTIVE && model.callInStep != declared) {
                throw new ReplayException("solver declared " + declared + " model calls at step " + i + " but made " + model.callInStep);
            }
            if (!state.x().isFinite()) throw new ReplayException("non-finite state after step " + i);
        }
        return solver.result(state);
    }

    private static Tensor replace(Plan plan, Tensor x, NoiseLevel level) {
        return plan.space().toVp(plan.scaling().apply(plan.space().fromVp(x, level), level), level);
    }

    /**
     * The dummy model under {@code state_replaced}: the sample the reference hands model and step is the solver's
     * σ-space sample at a step's first call (the state was replaced before the step) and its scaled version at later
     * calls; the output is the reference's derivative (sample − x̂₀)/σ, given to the solver as ε̂.
     */
    private static final class ReplacedModel implements Model {
        private final Plan plan;
        int callInStep;

        ReplacedModel(Plan plan) { this.plan = plan; }

        @Override public Tensor predict(Prediction target, Tensor x, NoiseLevel level) {
            Tensor y = plan.space().fromVp(x, level);
            Tensor sample = callInStep == 0 ? y : plan.scaling().apply(y, level);
            boolean later = callInStep > 0;
            callInStep++;
            Tensor raw = DummyModel.apply(sample, level.modelTime());
            double s = level.sigmaVe();
            if (plan.target() == Prediction.EPSILON && !(later && plan.midStage() == Plan.MidStage.DATA)) {
                return Predictions.convert(Prediction.EPSILON, target, x, raw, level);
            }
            Tensor x0 = switch (plan.target()) { // x̂₀ as the σ-schedulers compute it from the sample they were handed
                case EPSILON -> Tensor.combine(1, sample, -s, raw);
                case DATA -> raw;
                case V -> { // x̂₀ = v·(−s/√(s²+1)) + sample/(s²+1)
                    double c = s * s + 1;
                    yield Tensor.combine(-s / Math.sqrt(c), raw, 1 / c, sample);
                }
                default -> throw new ReplayException("prediction type " + plan.target() + " under state_replaced");
            };
            if (later && plan.midStage() == Plan.MidStage.DATA) return Predictions.convert(Prediction.DATA, target, x, x0, level);
            Tensor eps = Tensor.combine(1 / s, sample, -1 / s, x0); // the reference's derivative (sample − x̂₀)/σ
            return Predictions.convert(Prediction.EPSILON, target, x, eps, level);
        }
    }

    /**
     * The loop over several passes of the grid: each pass walks every step; between passes the state is restarted at
     * index 0 keeping everything else (the multistep history), as a test that resets only the scheduler's step index.
     */
    private static <S extends SolverState> Tensor passesLoop(Solver<S> solver, DummyModel denoiser, Tensor x, NoiseSource noise,
                                                             int passes) {
        Grid grid = solver.grid();
        int[] calls = {0};
        Model model = (target, v, level) -> {
            calls[0]++;
            return Predictions.convert(denoiser.target(), target, v, denoiser.predict(v, level, Conditioning.NONE), level);
        };
        S state = solver.start(x);
        for (int pass = 0; pass < passes; pass++) {
            if (pass > 0) state = withComponent(state, "index", int.class, 0);
            for (int i = 0; i < grid.steps(); i++) {
                int before = calls[0];
                state = solver.step(state, model, noise);
                int declared = solver.modelCalls(i);
                if (declared != Solver.ADAPTIVE && calls[0] - before != declared) {
                    throw new ReplayException("solver declared " + declared + " model calls at step " + i + " but made " + (calls[0] - before));
                }
                if (state.index() != i + 1) throw new ReplayException("solver returned index " + state.index() + " after step " + i);
                if (!state.x().isFinite()) throw new ReplayException("non-finite state after step " + i + " of pass " + (pass + 1));
            }
        }
        return solver.result(state);
    }

    /** The solver's state with another x: its record rebuilt with the {@code x} component replaced. */
    static <S extends SolverState> S withX(S state, Tensor x) {
        return withComponent(state, "x", Tensor.class, x);
    }

    /** The solver's state record rebuilt with one component replaced (the replay's quirks of the tests' loops). */
    @SuppressWarnings("unchecked")
    static <S extends SolverState> S withComponent(S state, String name, Class<?> componentType, Object value) {
        Class<?> type = state.getClass();
        if (!type.isRecord()) {
            throw new ReplayException("the replay needs to rebuild the solver's state, but " + type.getName() + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(name) && types[i] == componentType) {
                    values[i] = value;
                    found = true;
                } else {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    values[i] = accessor.invoke(state);
                }
            }
            if (!found) throw new ReplayException(type.getName() + " has no " + componentType.getSimpleName() + " component " + name);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return (S) ctor.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof ReplayException r) throw r;
            throw new ReplayException("cannot rebuild " + type.getName() + ": " + e);
        }
    }
}
