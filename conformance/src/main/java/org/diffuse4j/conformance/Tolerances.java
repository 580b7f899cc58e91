package org.diffuse4j.conformance;

import org.diffuse4j.api.SolverTraits;

/**
 * What a plugin may declare about how closely it must meet each check, within bounds the kit sets.
 *
 * @param order           allowed |measured − declared| order (kit bounds 0.05 … 0.5)
 * @param targetAgreement allowed relative disagreement between runs with different native targets (≤ 1e-8)
 * @param mixtureError    allowed RMS error against the integrated mixture flow at the kit's step count (≤ 0.05)
 * @param momentError     allowed bias of mean and std on Gaussian data, beyond 5 standard errors (≤ 0.05)
 * @param pointError      allowed distance from the point on single-point data, relative (≤ 1e-6)
 */
public record Tolerances(double order, double targetAgreement, double mixtureError, double momentError, double pointError) {
    /** The kit's bounds: a plugin may tighten any tolerance, never loosen it past these. */
    public static final Tolerances BOUNDS = new Tolerances(0.5, 1e-8, 0.05, 0.05, 1e-6);

    /** The defaults for a solver's declared traits. */
    public static Tolerances defaultsFor(SolverTraits traits) {
        return new Tolerances(traits.stochastic() ? 0.5 : 0.3, 1e-10, traits.order() == 1 ? 0.02 : 0.005, 0.02, 1e-9);
    }

    /** The first tolerance outside the kit's bounds, described, or null when all are within. */
    public String outOfBounds() {
        if (!(order >= 0.05 && order <= BOUNDS.order)) return "order tolerance " + order + " outside 0.05 … " + BOUNDS.order;
        if (!(targetAgreement > 0 && targetAgreement <= BOUNDS.targetAgreement)) return "targetAgreement " + targetAgreement + " outside (0, " + BOUNDS.targetAgreement + "]";
        if (!(mixtureError > 0 && mixtureError <= BOUNDS.mixtureError)) return "mixtureError " + mixtureError + " outside (0, " + BOUNDS.mixtureError + "]";
        if (!(momentError > 0 && momentError <= BOUNDS.momentError)) return "momentError " + momentError + " outside (0, " + BOUNDS.momentError + "]";
        if (!(pointError > 0 && pointError <= BOUNDS.pointError)) return "pointError " + pointError + " outside (0, " + BOUNDS.pointError + "]";
        return null;
    }

    public Tolerances withOrder(double v) { return new Tolerances(v, targetAgreement, mixtureError, momentError, pointError); }

    public Tolerances withMixtureError(double v) { return new Tolerances(order, targetAgreement, v, momentError, pointError); }

    public Tolerances withMomentError(double v) { return new Tolerances(order, targetAgreement, mixtureError, v, pointError); }
}
