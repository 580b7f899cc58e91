package org.diffuse4j.api;

/**
 * A model prediction or a solver state contained NaN or ±∞. Sampling stops at the first such value;
 * the message names the step, its time t and what was non-finite.
 */
public class NonFiniteValueException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final double t;

    public NonFiniteValueException(int step, double t, String what) {
        super(what + " is not finite at step " + step + " (t = " + t + ")");
        this.step = step;
        this.t = t;
    }

    /** The step index at which the value appeared. */
    public int step() { return step; }

    /** The time of that step. */
    public double t() { return t; }
}
