package org.diffuse4j.conformance.broken;

import java.util.Random;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.Tensor;

/**
 * Deliberately broken solver providers: each is a correct first-order solver (DDIM's update) except for
 * one defect, which exactly one check of the kit must catch.
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
}
