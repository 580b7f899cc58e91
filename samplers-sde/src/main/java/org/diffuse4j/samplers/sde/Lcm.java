package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Multistep latent-consistency sampling, Luo et al. 2023 (arXiv:2310.04378), Alg. 1; diffusers' {@code LCMScheduler}:
 * the consistency function f(x, t) = c_skip(t) x + c_out(t) x̂₀ with the boundary-condition scalings
 * c_skip = σ_d²/((τ k)² + σ_d²), c_out = τ k/√((τ k)² + σ_d²) (k the step's timestep — the level's model time —,
 * τ = {@code timestep_scaling}, σ_d = {@code sigma_data}; Song et al. 2023, arXiv:2303.01469, App. C), then
 * re-noising to the next level, x' = α' f + σ' z. The last step (and any step onto clean data) returns f. x̂₀ is the
 * model's denoised estimate (for an LCM, its consistency-distilled prediction), optionally clipped or thresholded.
 * One model call per step and one draw per step but the last.
 */
public final class Lcm implements Solver<SimpleState> {
    private final Grid grid;
    private final double timestepScaling;
    private final double sigmaData;
    private final X0Correction correction;

    Lcm(Grid grid, double timestepScaling, double sigmaData, X0Correction correction) {
        this.grid = grid;
        this.timestepScaling = timestepScaling;
        this.sigmaData = sigmaData;
        this.correction = correction;
    }

    /** c_skip at model time k: σ_d²/((τ k)² + σ_d²). */
    static double cSkip(double k, double timestepScaling, double sigmaData) {
        double scaled = k * timestepScaling;
        return sigmaData * sigmaData / (scaled * scaled + sigmaData * sigmaData);
    }

    /** c_out at model time k: τ k/√((τ k)² + σ_d²). */
    static double cOut(double k, double timestepScaling, double sigmaData) {
        double scaled = k * timestepScaling;
        return scaled / Math.sqrt(scaled * scaled + sigmaData * sigmaData);
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    /** One-step: reads only the current state. */
    @Override public int statesRetained() { return 0; }

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x0 = correction.apply(model.data(s.x(), from));
        double k = from.modelTime();
        Tensor denoised = Tensor.combine(cOut(k, timestepScaling, sigmaData), x0, cSkip(k, timestepScaling, sigmaData), s.x());
        if (grid.isLast(i) || to.isClean()) return s.next(denoised, 1);
        Tensor z = Noise.draw(noise, s.x().shape(), from.sigmaVe(), to.sigmaVe());
        return s.next(Tensor.combine(to.alpha(), denoised, to.sigma(), z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
