package org.diffuse4j.samplers.ode;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Thresholds;

/**
 * DDIM with η = 0, Song et al. 2021 (arXiv:2010.02502), Eq. (12): x' = α' x̂₀ + σ' ε̂. First order,
 * deterministic, one model call per step; runs in either direction, so a grid from data towards noise is
 * DDIM inversion. The diffusers options that choose where it steps ({@code timestep_spacing},
 * {@code steps_offset}, {@code set_alpha_to_one}) shape the grid; x̂₀ may be clipped or dynamically
 * thresholded, with ε̂ taken from the model (diffusers' default) or recomputed from the corrected x̂₀
 * ({@code use_clipped_model_output}).
 */
public final class Ddim implements Solver<SimpleState> {
    /** How x̂₀ is corrected before the step. */
    record Correction(double clipRange, double thresholdRatio, double sampleMaxValue, boolean useClippedModelOutput) {
        static final Correction NONE = new Correction(0, 0, 0, false);

        boolean none() { return clipRange == 0 && thresholdRatio == 0; }

        Tensor apply(Tensor x0) {
            if (thresholdRatio > 0) return Thresholds.dynamic(x0, thresholdRatio, sampleMaxValue);
            if (clipRange > 0) return Thresholds.clip(x0, clipRange);
            return x0;
        }
    }

    private final Grid grid;
    private final Correction correction;

    Ddim(Grid grid, Correction correction) {
        this.grid = grid;
        this.correction = correction;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        if (from.isClean()) {
            // inversion from clean data: x̂₀ = x/α, and ε̂ is only known from the model itself
            Tensor eps = model.epsilon(s.x(), from);
            Tensor x0 = correction.apply(s.x().scale(1 / from.alpha()));
            return s.next(Tensor.combine(to.alpha(), x0, to.sigma(), eps), 1);
        }
        Tensor x0 = model.data(s.x(), from);
        if (correction.none() || correction.useClippedModelOutput()) {
            return s.next(ExponentialIntegrator.firstOrder(s.x(), correction.apply(x0), from, to), 1);
        }
        // DDIM Eq. (12) with ε̂ = (x − α x̂₀)/σ from the uncorrected x̂₀ and α' times the corrected one
        double r = ExponentialIntegrator.sigmaRatio(from, to);
        return s.next(Tensor.combine(r, s.x(), -r * from.alpha(), x0, to.alpha(), correction.apply(x0)), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
