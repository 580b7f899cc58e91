package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.SolverOptions;

/**
 * The "churn" of Karras et al. 2022 (arXiv:2206.00364), Algorithm 2, lines 4–6: before step i raise the VE noise
 * level s to ŝ = s(1 + γ) by adding noise of standard deviation √(ŝ² − s²)·S_noise, with
 * γ = min(S_churn/N, √2 − 1) when S_tmin ≤ s ≤ S_tmax and 0 otherwise (N the number of steps).
 */
record Churn(double sChurn, double sTmin, double sTmax, double sNoise) {
    static final Option<Double> S_CHURN = Option.real("s_churn", 10, 0, 1e6, "S_churn: total amount of churn over the grid");
    static final Option<Double> S_TMIN = Option.real("s_tmin", 0, 0, Double.POSITIVE_INFINITY, "S_tmin: churn only where σ/α ≥ s_tmin");
    static final Option<Double> S_TMAX = Option.real("s_tmax", Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY,
            "S_tmax: churn only where σ/α ≤ s_tmax");
    static final Option<Double> S_NOISE = Option.real("s_noise", 1.0, 0, 10, "S_noise: factor on the churn noise");

    static Churn from(SolverOptions o) { return new Churn(o.get(S_CHURN), o.get(S_TMIN), o.get(S_TMAX), o.get(S_NOISE)); }

    /** γ_i of Algorithm 2. */
    double gamma(Grid grid, int step) {
        double s = grid.from(step).sigmaVe();
        return sTmin <= s && s <= sTmax ? Math.min(sChurn / grid.steps(), Math.sqrt(2) - 1) : 0;
    }
}
