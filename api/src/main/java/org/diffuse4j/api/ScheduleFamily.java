package org.diffuse4j.api;

/** The families of noise schedule a solver may declare support for. */
public enum ScheduleFamily {
    /** Variance preserving, defined by a table of training-step betas (DDPM, Stable Diffusion). */
    DISCRETE_VP,
    /** Variance preserving in continuous time (e.g. linear β(t)). */
    CONTINUOUS_VP,
    /** Variance exploding: α = 1, σ grows (NCSN, EDM). */
    VE,
    /** Rectified flow: α = 1 − t, σ = t. */
    RECTIFIED_FLOW
}
