package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;

/** Where solvers draw: the Brownian increment for a step between two noise levels, or an independent draw. */
final class Noise {
    private Noise() {}

    /**
     * The noise of a step from VE noise level {@code from} to {@code to}: (W(to) − W(from))/√|to − from| from a
     * {@link BrownianNoiseSource} (k-diffusion's {@code noise_sampler(sigma, sigma_next)}), otherwise (or when a
     * level is infinite or both are equal) the source's next independent draw. Either way one draw.
     */
    static Tensor draw(NoiseSource noise, int[] shape, double from, double to) {
        if (noise instanceof BrownianNoiseSource b && Double.isFinite(from) && Double.isFinite(to) && from != to) {
            return b.increment(shape, from, to);
        }
        return noise.gaussian(shape);
    }
}
