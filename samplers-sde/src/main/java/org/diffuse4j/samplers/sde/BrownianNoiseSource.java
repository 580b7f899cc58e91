package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;

/**
 * A {@link NoiseSource} that also answers increments of one Brownian path W(σ) indexed by the VE noise level
 * σ = σ_t/α_t, as k-diffusion's {@code BrownianTreeNoiseSampler} does: {@code increment(shape, σ, σ')} is
 * (W(σ') − W(σ))/√|σ' − σ|, a standard normal whose value is a function of the path only, so a sample drawn
 * with a Brownian source stays consistent when the step count changes (the increments of a finer grid sum
 * to the coarse one).
 *
 * <p>Every stochastic solver of this package draws its noise for a step from σ to σ' through
 * {@link #increment} when handed such a source, and through {@link #gaussian} otherwise; a plain
 * {@code NoiseSource} therefore gives independent draws (and {@code NoiseSource.replay} reproduces a reference's
 * recorded draws), a Brownian one gives the path's increments.
 */
public interface BrownianNoiseSource extends NoiseSource {
    /**
     * (W(to) − W(from))/√|to − from| for every value of a tensor of the given shape (one independent path per
     * value); counts as one draw.
     *
     * @param from a finite VE noise level ≥ 0
     * @param to   a finite VE noise level ≥ 0, different from {@code from}
     */
    Tensor increment(int[] shape, double from, double to);
}
