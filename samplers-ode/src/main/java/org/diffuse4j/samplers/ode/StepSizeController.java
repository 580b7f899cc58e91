package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Tensor;

/**
 * Step-size control for embedded Runge–Kutta pairs; Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4:
 * the scaled error norm of Eq. (4.11) and the step-size factor of Eq. (4.13) with Gustafsson's PI
 * stabilisation (§IV.2, as in Hairer's DOPRI5 code), h_new = h · safety · err^(−1/(q+1) + 0.75β) · err_prev^β,
 * kept within [minFactor, maxFactor] and never above 1 after a rejection. β = 0 is the classical I controller.
 * One immutable value serves any embedded pair; the previous error lives in the solver's state.
 *
 * @param safety      safety factor (0.9 in DOPRI5)
 * @param minFactor   smallest factor per step
 * @param maxFactor   largest factor per step
 * @param errorOrder  q, the order of the pair's lower-order member (the estimate is O(h^{q+1}))
 * @param beta        the PI weight of the previous error (0.04 in DOPRI5; 0 for I control)
 */
record StepSizeController(double safety, double minFactor, double maxFactor, int errorOrder, double beta) {
    StepSizeController {
        if (!(safety > 0 && safety <= 1)) throw new IllegalArgumentException("safety must lie in (0, 1], got " + safety);
        if (!(minFactor > 0 && minFactor < 1 && maxFactor > 1)) {
            throw new IllegalArgumentException("need 0 < minFactor < 1 < maxFactor, got " + minFactor + ", " + maxFactor);
        }
        if (errorOrder < 1) throw new IllegalArgumentException("errorOrder must be ≥ 1, got " + errorOrder);
        if (!(beta >= 0 && beta < 1.0 / (errorOrder + 1))) throw new IllegalArgumentException("beta outside [0, 1/(q+1)), got " + beta);
    }

    /** Hairer's DOPRI5 settings for a pair with lower order q: safety 0.9, factors 0.2 … 10, β = 0.04. */
    static StepSizeController pi(int errorOrder) { return new StepSizeController(0.9, 0.2, 10, errorOrder, 0.04); }

    /** The classical I controller with the same limits (β = 0). */
    static StepSizeController integral(int errorOrder) { return new StepSizeController(0.9, 0.2, 10, errorOrder, 0); }

    /** Whether the step is accepted and the factor for the next (or retried) step size. */
    record Decision(boolean accepted, double factor) {}

    /**
     * The decision for a step with scaled error {@code error} (accept when ≤ 1); {@code previousError} is the
     * error of the last accepted step (NaN before the first), used only by the PI term.
     */
    Decision decide(double error, double previousError) {
        if (!(error >= 0) || Double.isInfinite(error)) return new Decision(false, minFactor); // NaN or overflow: shrink hard
        double k = errorOrder + 1;
        if (error <= 1) {
            if (error == 0) return new Decision(true, maxFactor);
            double previous = Double.isNaN(previousError) ? 1 : Math.max(previousError, 1e-4);
            double factor = safety * Math.pow(error, -(1 / k - 0.75 * beta)) * Math.pow(previous, beta);
            return new Decision(true, Math.max(minFactor, Math.min(maxFactor, factor)));
        }
        return new Decision(false, Math.max(minFactor, Math.min(1, safety * Math.pow(error, -1 / k))));
    }

    /**
     * The scaled error norm, Hairer, Nørsett &amp; Wanner I, Eq. (II.4.11): √(mean_i (e_i / sc_i)²) with
     * sc_i = atol + rtol · max(|y0_i|, |y1_i|).
     */
    static double errorNorm(Tensor y0, Tensor y1, Tensor error, double rtol, double atol) {
        double sum = 0;
        int n = error.size();
        for (int i = 0; i < n; i++) {
            double sc = atol + rtol * Math.max(Math.abs(y0.get(i)), Math.abs(y1.get(i)));
            double e = error.get(i) / sc;
            sum += e * e;
        }
        return Math.sqrt(sum / n);
    }
}
