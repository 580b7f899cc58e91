package org.diffuse4j.conformance.broken;

import java.util.EnumSet;
import java.util.Random;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.Tensor;

/**
 * Deliberately broken solver providers: each is a correct first-order solver (DDIM's update, or its ancestral
 * form) except for one defect, which the check of the kit named in {@code ConformanceKitSelfTest} must catch.
 */
public final class BrokenProviders {
    private BrokenProviders() {}

    /** DDIM's update x' = (σ'/σ) x + (α' − σ' α/σ) x̂₀ — the correct part every broken solver shares. */
    static Tensor ddimStep(Tensor x, Tensor x0, NoiseLevel from, NoiseLevel to) {
        double r = to.sigma() == 0 ? 0 : to.sigma() / from.sigma();
        return Tensor.combine(r, x, to.alpha() - r * from.alpha(), x0);
    }

    /** A first-order solver whose behaviour the subclasses bend. */
    abstract static class Base implements Solver<SimpleState> {
        final Grid grid;

        Base(Grid grid) { this.grid = grid; }

        @Override public Grid grid() { return grid; }

        @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

        @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
            int i = s.index();
            Tensor x0 = model.data(s.x(), grid.from(i));
            return s.next(ddimStep(s.x(), x0, grid.from(i), grid.to(i)), 1);
        }

        @Override public int modelCalls(int step) { return 1; }
    }

    abstract static class BaseProvider implements SolverProvider {
        abstract Solver<?> make(Grid grid);

        SolverTraits declared() { return SolverTraits.ode(1, 1, "a broken example"); }

        @Override public SolverTraits traits() { return declared(); }

        @Override public Solver<?> create(SolverConfig config) {
            config.validateFor(name(), traits());
            return make(config.grid());
        }
    }

    /** Claims second order for a first-order method. */
    public static final class WrongOrder extends BaseProvider {
        @Override public String name() { return "broken-wrong-order"; }

        @Override SolverTraits declared() { return SolverTraits.ode(2, 1, "claims order 2"); }

        @Override Solver<?> make(Grid grid) { return new Base(grid) { }; }
    }

    /** Declares itself deterministic but perturbs its output with an unseeded RNG of its own. */
    public static final class HiddenRng extends BaseProvider {
        @Override public String name() { return "broken-hidden-rng"; }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                private final Random random = new Random();

                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    SimpleState next = super.step(s, model, noise);
                    double jitter;
                    synchronized (random) {
                        jitter = 1e-3 * random.nextGaussian();
                    }
                    return new SimpleState(next.x().map(v -> v + jitter), next.index(), next.orderUsed());
                }
            };
        }
    }

    /** Declares one model call per step but makes two. */
    public static final class WrongCallCount extends BaseProvider {
        @Override public String name() { return "broken-call-count"; }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    model.data(s.x(), grid.from(s.index())); // a wasted, undeclared call
                    return super.step(s, model, noise);
                }
            };
        }
    }

    /** Keeps the current sample in a field while the model runs: runs sharing the instance corrupt each other. */
    public static final class NotThreadSafe extends BaseProvider {
        @Override public String name() { return "broken-not-thread-safe"; }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                private Tensor current; // shared scratch: the defect

                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    current = s.x();
                    Tensor x0 = model.data(s.x(), grid.from(s.index()));
                    Thread.yield();
                    try {
                        Thread.sleep(0, 100_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Tensor x = current;
                    if (!x.sameShape(x0)) x = s.x();
                    return s.next(ddimStep(x, x0, grid.from(s.index()), grid.to(s.index())), 1);
                }
            };
        }
    }

    /** Carries the last x̂₀ of a run into the next run's first step (a multistep history never reset). */
    public static final class MutatingSharedState extends BaseProvider {
        @Override public String name() { return "broken-shared-state"; }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                private volatile Tensor history;

                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    int i = s.index();
                    Tensor x0 = model.data(s.x(), grid.from(i));
                    Tensor h = history;
                    Tensor used = h != null && h.sameShape(x0) && i == 0 ? Tensor.combine(0.999, x0, 0.001, h) : x0;
                    history = x0;
                    return s.next(ddimStep(s.x(), used, grid.from(i), grid.to(i)), 1);
                }
            };
        }
    }

    /** Catches the loop's NaN report and carries on with a zero prediction. */
    public static final class NanSwallowing extends BaseProvider {
        @Override public String name() { return "broken-nan-swallowing"; }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    int i = s.index();
                    Tensor x0;
                    try {
                        x0 = model.data(s.x(), grid.from(i));
                    } catch (ArithmeticException e) {
                        x0 = Tensor.zeros(s.x().shape());
                    }
                    return s.next(ddimStep(s.x(), x0, grid.from(i), grid.to(i)), 1);
                }
            };
        }
    }

    /**
     * DDIM with η = 1 (ancestral; Song et al. 2021, arXiv:2010.02502, Eq. (12) and (16)): x' = α' x̂₀ + √(σ'² − c²) ε̂ + c z
     * with c = σ' √(1 − (α σ')²/(α' σ)²), weak order 1.
     */
    static Tensor ancestralStep(Tensor x, Tensor x0, NoiseLevel from, NoiseLevel to, NoiseSource noise) {
        if (to.isClean()) return x0.scale(to.alpha());
        Tensor eps = Tensor.combine(1 / from.sigma(), x, -from.alpha() / from.sigma(), x0);
        double ratio = from.alpha() * to.sigma() / (to.alpha() * from.sigma());
        double c = to.sigma() * Math.sqrt(Math.max(0, 1 - ratio * ratio));
        Tensor mean = Tensor.combine(to.alpha(), x0, Math.sqrt(Math.max(0, to.sigma() * to.sigma() - c * c)), eps);
        return Tensor.combine(1, mean, c, noise.gaussian(x.shape()));
    }

    /** Claims weak order 2 for an ancestral sampler of weak order 1. */
    public static final class WrongWeakOrder extends BaseProvider {
        @Override public String name() { return "broken-wrong-weak-order"; }

        @Override SolverTraits declared() {
            return SolverTraits.sde(2, 1, "claims weak order 2")
                    .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE));
        }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    int i = s.index();
                    Tensor x0 = model.data(s.x(), grid.from(i));
                    return s.next(ancestralStep(s.x(), x0, grid.from(i), grid.to(i), noise), 1);
                }
            };
        }
    }

    /**
     * Declares that it samples a consistency model and is multistep consistency sampling (Song et al. 2023,
     * arXiv:2303.01469, Alg. 1: x' = α' f(x) + σ' z) except that it re-noises to the level it came from, σ, not to σ'.
     */
    public static final class WrongConsistencyStep extends BaseProvider {
        @Override public String name() { return "broken-consistency-step"; }

        @Override SolverTraits declared() {
            return SolverTraits.sde(1, 1, "re-noises to the wrong level").withModel(SolverTraits.ModelKind.CONSISTENCY);
        }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    int i = s.index();
                    NoiseLevel from = grid.from(i), to = grid.to(i);
                    Tensor f = model.data(s.x(), from);
                    if (to.isClean()) return s.next(f, 1);
                    return s.next(Tensor.combine(to.alpha(), f, from.sigma(), noise.gaussian(s.x().shape())), 1); // the defect: σ, not σ'
                }
            };
        }
    }

    /**
     * Claims order 2 for a method that is exact on Gaussian data but first order on others: it fits the Gaussian
     * N(μ, s² I) that has the model's x̂₀ and its slope along (1, …, 1) at x (two calls), and moves x along that
     * Gaussian's exact flow x' = α' μ + √(v'/v)(x − α μ), v = α² s² + σ².
     */
    public static final class ExactForGaussians extends BaseProvider {
        @Override public String name() { return "broken-exact-for-gaussians"; }

        @Override SolverTraits declared() {
            return SolverTraits.ode(2, 2, "claims order 2; exact on Gaussian data only")
                    .withSchedules(EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE));
        }

        @Override Solver<?> make(Grid grid) {
            return new Base(grid) {
                @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
                    int i = s.index();
                    NoiseLevel from = grid.from(i), to = grid.to(i);
                    Tensor x = s.x();
                    double delta = 0.5; // any δ: x̂₀ is affine on Gaussian data, and the fit matches x̂₀ at x whatever the slope
                    Tensor x0 = model.data(x, from);
                    Tensor x0Shifted = model.data(x.map(v -> v + delta), from);
                    int d = x.rowSize();
                    double a = from.alpha(), sigma = from.sigma();
                    double[] out = new double[x.size()];
                    for (int r = 0; r < x.rows(); r++) {
                        double g = 0;
                        for (int j = 0; j < d; j++) g += (x0Shifted.get(r, j) - x0.get(r, j)) / (delta * d);
                        if (!(g > 0 && g * a < 0.95)) { // no Gaussian has this slope: a DDIM step for the row
                            double ratio = to.sigma() / sigma;
                            for (int j = 0; j < d; j++) out[r * d + j] = ratio * x.get(r, j) + (to.alpha() - ratio * a) * x0.get(r, j);
                            continue;
                        }
                        double s2 = g * sigma * sigma / (a * (1 - g * a));   // x̂₀ = μ + g (x − α μ), g = α s²/v
                        double v = a * a * s2 + sigma * sigma, vNext = to.alpha() * to.alpha() * s2 + to.sigma() * to.sigma();
                        for (int j = 0; j < d; j++) {
                            double mu = (x0.get(r, j) - g * x.get(r, j)) / (1 - g * a);
                            out[r * d + j] = to.alpha() * mu + Math.sqrt(vNext / v) * (x.get(r, j) - a * mu);
                        }
                    }
                    return s.next(Tensor.of(x.shape(), out), 2);
                }

                @Override public int modelCalls(int step) { return 2; }
            };
        }
    }
}
