package org.diffuse4j.samplers.sde;

import java.util.EnumSet;
import java.util.Set;
import org.diffuse4j.api.Option;
import org.diffuse4j.api.ScheduleFamily;

/** Options shared by the k-diffusion samplers. */
final class KOptions {
    private KOptions() {}

    /** k-diffusion's {@code eta}: scale of the ancestral noise (1 = DDPM's posterior, 0 = deterministic). */
    static final Option<Double> ETA = Option.real("eta", 1.0, 0, 10, "scale of the added noise: 1 = DDPM posterior, 0 = ODE");
    /** k-diffusion's {@code s_noise}: extra factor on every draw. */
    static final Option<Double> S_NOISE = Option.real("s_noise", 1.0, 0, 10, "factor on the standard deviation of the added noise");

    /** The schedule families on which a step in log σ from σ = ∞ is undefined: every family but rectified flow. */
    static final Set<ScheduleFamily> FINITE_SIGMA = EnumSet.of(ScheduleFamily.DISCRETE_VP, ScheduleFamily.CONTINUOUS_VP, ScheduleFamily.VE);
}
