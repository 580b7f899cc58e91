package com.example.solvers;

import java.util.function.DoubleBinaryOperator;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * A denoiser chosen so that the probability-flow ODE dy/ds = (y − x̂₀)/s becomes dy/ds = f(s, y)
 * elementwise: x̂₀ = y − s·f(s, y) with y = x/α, s = σ/α. Makes hand-derived checks of a tableau possible.
 */
record OdeDenoiser(DoubleBinaryOperator f) implements Denoiser {
    @Override public Prediction target() { return Prediction.DATA; }

    @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
        double s = level.sigmaVe();
        return x.map(xi -> {
            double y = xi / level.alpha();
            return y - s * f.applyAsDouble(s, y);
        });
    }
}
