package org.diffuse4j.models.card;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;

/**
 * The value a network receives as its time input τ, derived from the {@link NoiseLevel} of the call.
 * Every convention is a function of the level alone, so a grid carrying the reference library's exact
 * levels hands the network exactly what that library would.
 */
public enum TimeConditioning {
    /**
     * τ = {@link NoiseLevel#modelTime()}: the schedule's own network time. On a 1000-step
     * {@code DiscreteVpSchedule} this is the integer training timestep k at the training levels
     * (diffusers, DDPM), fractional in between (k-diffusion, Karras grids); on rectified flow it is
     * time_scale·t.
     */
    TIMESTEP("timestep"),
    /** τ = t, the schedule's continuous time (t ∈ [1/N, 1] on a discrete VP schedule, [0, 1] on rectified flow). */
    T("t"),
    /** τ = 1000·t (score_sde's continuous VP models, diffusers' flow-matching transformers). */
    T_1000("t1000"),
    /** τ = s = σ/α, the VE noise level (NCSN, k-diffusion's σ-conditioned models). */
    SIGMA("sigma"),
    /** τ = c_noise(s) = ¼ ln s; Karras et al. 2022 (arXiv:2206.00364), Table 1 (EDM). */
    C_NOISE("c_noise");

    private final String id;

    TimeConditioning(String id) { this.id = id; }

    /** The name a model card uses. */
    @JsonValue public String id() { return id; }

    /** Parses a card's name (also accepts the enum constant's name). */
    @JsonCreator public static TimeConditioning parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (TimeConditioning c : values()) {
            if (c.id.equals(n) || c.name().toLowerCase(Locale.ROOT).equals(n)) return c;
        }
        throw ConfigurationException.notAllowed("time_conditioning", name, Arrays.stream(values()).map(TimeConditioning::id).toList());
    }

    /**
     * τ at {@code level}.
     *
     * @throws ConfigurationException when τ is not finite there (σ/α at α = 0, ln 0 at clean data), so the
     *     network is never called with it
     */
    public double value(NoiseLevel level) {
        double tau = switch (this) {
            case TIMESTEP -> level.modelTime();
            case T -> level.t();
            case T_1000 -> 1000 * level.t();
            case SIGMA -> level.sigmaVe();
            case C_NOISE -> 0.25 * Math.log(level.sigmaVe());
        };
        if (!Double.isFinite(tau)) {
            throw new ConfigurationException("time_conditioning", id + " is " + tau + " at t = " + level.t() + " (α = "
                    + level.alpha() + ", σ = " + level.sigma() + "); this convention cannot condition a network there");
        }
        return tau;
    }
}
