package org.diffuse4j.samplers.ode;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * Two changes of variables q = x/κ, r = σ/κ in which the probability-flow ODE reads
 * dq/dr = (q − x̂₀(x, level))/r, the derivative being the same function of the VP state in both:
 * (q − x̂₀)/r = (x − κ x̂₀)/σ. Runge–Kutta and multistep solvers written once in (q, r) run in either.
 *
 * <p>A step moves q from level a to level b; the VP state is x = κ q at both ends, so a solver converts
 * only at its boundaries: x_b = κ_b (x_a/κ_a + Σ w_j k_j).
 */
enum PfOdeVariables {
    /**
     * Karras et al. 2022 (arXiv:2206.00364), Eq. (4): y = x/α, s = σ/α (κ = α), where the derivative is
     * the noise estimate ε̂. Undefined where α = 0 (the start of rectified flow).
     */
    SIGMA {
        @Override double kappa(NoiseLevel l) { return l.alpha(); }

        @Override double r(NoiseLevel l) { return l.sigmaVe(); }

        @Override NoiseLevel levelAt(Schedule schedule, double r) { return atSigmaVe(schedule, r); }

        /** (y − x̂₀)/s = (x − α x̂₀)/σ = ε̂: asked of the model directly, which avoids a round trip through x̂₀. */
        @Override Tensor derivative(Model model, Tensor x, NoiseLevel l) { return model.epsilon(x, l); }
    },
    /**
     * Rectified-flow variables z = x/(α + σ), τ = σ/(α + σ) (κ = α + σ), in which every schedule's path is
     * z = (1 − τ) x₀ + τ ε and the derivative is the flow velocity ε̂ − x̂₀ (Liu et al. 2022, arXiv:2209.03003);
     * on rectified flow itself z = x and τ = t. Defined everywhere, including α = 0.
     */
    FLOW {
        @Override double kappa(NoiseLevel l) { return l.alpha() + l.sigma(); }

        @Override double r(NoiseLevel l) { return l.sigma() / (l.alpha() + l.sigma()); }

        @Override NoiseLevel levelAt(Schedule schedule, double r) {
            if (schedule.family() == ScheduleFamily.RECTIFIED_FLOW) return schedule.at(r);
            return atSigmaVe(schedule, r / (1 - r));
        }

        /** ε̂ − x̂₀ = (z − x̂₀)/τ = (x − (α + σ) x̂₀)/σ, from x̂₀ (which stays finite where α = 0). */
        @Override Tensor derivative(Model model, Tensor x, NoiseLevel l) {
            Tensor x0 = model.data(x, l);
            return Tensor.combine(1 / l.sigma(), x, -kappa(l) / l.sigma(), x0);
        }
    };

    /** The schedule families on which the variables are defined everywhere a solver may evaluate. */
    Set<ScheduleFamily> families() {
        return this == SIGMA ? EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE)
                : EnumSet.allOf(ScheduleFamily.class);
    }

    /** κ: the state is q = x/κ. */
    abstract double kappa(NoiseLevel l);

    /** The independent variable r at a level (0 at clean data). */
    abstract double r(NoiseLevel l);

    /** A level of the schedule at r (for stages between grid levels). */
    abstract NoiseLevel levelAt(Schedule schedule, double r);

    /** dq/dr at (x, level): one model call. */
    abstract Tensor derivative(Model model, Tensor x, NoiseLevel l);

    /** dq/dr = (x − κ x̂₀)/σ from a given (possibly corrected) x̂₀, without a model call. */
    Tensor derivativeFromData(Tensor x, Tensor x0, NoiseLevel l) {
        return Tensor.combine(1 / l.sigma(), x, -kappa(l) / l.sigma(), x0);
    }

    /**
     * x_b from x_a and increments of q: q_b = x_a/κ_a + Σ w_j k_j, x_b = κ_b q_b. The weights already include the
     * step size. The sum runs in q, as the reference implementations step (y + Δs·d), which keeps their rounding.
     */
    Tensor move(Tensor xA, NoiseLevel a, NoiseLevel b, double[] weights, Tensor[] slopes) {
        double[] c = new double[weights.length + 1];
        Tensor[] t = new Tensor[weights.length + 1];
        c[0] = 1 / kappa(a);
        t[0] = xA;
        System.arraycopy(weights, 0, c, 1, weights.length);
        System.arraycopy(slopes, 0, t, 1, weights.length);
        return Tensor.combine(c, t).scale(kappa(b));
    }

    /** Euler's step q_b = q_a + (r_b − r_a) k: Karras et al. 2022, Eq. (4) with a frozen derivative. */
    Tensor euler(Tensor xA, NoiseLevel a, NoiseLevel b, Tensor slope) {
        return move(xA, a, b, new double[] {r(b) - r(a)}, new Tensor[] {slope});
    }

    /**
     * The level at VE noise level s = σ/α. On a discrete schedule the network receives the fractional
     * timestep by log-linear interpolation of σ/α ({@code _sigma_to_t} of diffusers, {@code sigma_to_t} of
     * k-diffusion, unrounded), as both libraries do for stages between their grid levels; elsewhere the
     * schedule's own time at λ = −log s. Variance-preserving families get α = 1/√(1 + s²) exactly.
     */
    static NoiseLevel atSigmaVe(Schedule schedule, double s) {
        if (schedule instanceof DiscreteVpSchedule d) {
            double k = d.timestepOfSigmaVe(s);
            double t = d.tOfTimestep(k);
            return NoiseLevel.ofSigmaVe(t, s, k).withDerivatives(d.dAlpha(t), d.dSigma(t));
        }
        double t = schedule.tOfLambda(-Math.log(s));
        boolean vp = schedule.family() == ScheduleFamily.DISCRETE_VP || schedule.family() == ScheduleFamily.CONTINUOUS_VP;
        double alpha = vp ? 1 / Math.hypot(s, 1) : schedule.alpha(t);
        return new NoiseLevel(t, alpha, s * alpha, schedule.dAlpha(t), schedule.dSigma(t), schedule.modelTime(t));
    }
}
