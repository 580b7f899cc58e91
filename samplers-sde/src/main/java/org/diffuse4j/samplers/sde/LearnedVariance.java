package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverState;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Sampling with a network that predicts its own reverse variance (IDDPM's {@code learned_range}, diffusers'
 * {@code learned}): runs the api's one sampling loop ({@link Sampler}) with every model the solver is handed
 * extended by the denoiser's variance output, so {@code ddpm} with {@code variance_type=learned_range} can read it.
 * The loop counts the main prediction; the variance is the second half of the same forward pass (see
 * {@link VarianceDenoiser}) and is not counted again.
 */
public final class LearnedVariance {
    private LearnedVariance() {}

    /** {@link Sampler#sample} with default options and the variance output available to the solver. */
    public static SamplingResult sample(Solver<?> solver, VarianceDenoiser denoiser, Tensor xT, NoiseSource noise) {
        return sample(solver, denoiser, xT, noise, SamplingOptions.DEFAULT);
    }

    /** {@link Sampler#sample} with the variance output available to the solver. */
    public static SamplingResult sample(Solver<?> solver, VarianceDenoiser denoiser, Tensor xT, NoiseSource noise,
                                        SamplingOptions options) {
        if (denoiser == null) throw new ConfigurationException("denoiser", "is required");
        if (solver == null) throw new ConfigurationException("solver", "is required");
        return Sampler.sample(bind(solver, denoiser, options.conditioning()), denoiser, xT, noise, options);
    }

    private static <S extends SolverState> Solver<S> bind(Solver<S> inner, VarianceDenoiser denoiser, Conditioning conditioning) {
        return new Solver<>() {
            @Override public Grid grid() { return inner.grid(); }

            @Override public S start(Tensor x) { return inner.start(x); }

            @Override public S step(S state, Model model, NoiseSource noise) {
                return inner.step(state, new WithVariance(model, denoiser, conditioning), noise);
            }

            @Override public int modelCalls(int step) { return inner.modelCalls(step); }

            @Override public Tensor result(S state) { return inner.result(state); }
        };
    }

    /** The loop's counting model plus the denoiser's variance output. */
    private record WithVariance(Model model, VarianceDenoiser denoiser, Conditioning conditioning) implements VarianceModel {
        @Override public Tensor predict(Prediction target, Tensor x, NoiseLevel level) { return model.predict(target, x, level); }

        @Override public Tensor variance(Tensor x, NoiseLevel level) {
            Tensor v = denoiser.predictVariance(x, level, conditioning);
            if (v == null || !v.sameShape(x)) {
                throw new ConfigurationException("variance_type", "the variance output of " + denoiser.getClass().getName()
                        + " must have the shape of x");
            }
            return v;
        }
    }
}
