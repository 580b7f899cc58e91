package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ancestral sampling with DPM-Solver-2 steps: k-diffusion's {@code sample_dpm_2_ancestral} and diffusers'
 * {@code KDPM2AncestralDiscreteScheduler}. In y = x/α, s = σ/α: a midpoint step (Lu et al. 2022,
 * arXiv:2206.00927, Alg. 1 with r = ½, in σ rather than λ as Karras et al. 2022, arXiv:2206.00364, write it) to
 * σ_down through s_mid = √(s σ_down), y' = y + (σ_down − s)(y₂ − x̂₀(y₂, s_mid))/s_mid, then noise σ_up·z
 * ({@link AncestralStep}). Two model calls and one draw per step; one call (an Euler step, no draw) where
 * σ_down = 0. Weak order 2 (measured on Gaussian data).
 */
public final class Dpm2Ancestral implements Solver<SimpleState> {
    private final Grid grid;
    private final double eta;
    private final double sNoise;

    Dpm2Ancestral(Grid grid, double eta, double sNoise) {
        this.grid = grid;
        this.eta = eta;
        this.sNoise = sNoise;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    private AncestralStep ancestral(int i) {
        return AncestralStep.of(grid.from(i).sigmaVe(), grid.to(i).sigmaVe(), eta);
    }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x = s.x();
        Tensor x0 = model.data(x, from);
        double sigma = from.sigmaVe();
        AncestralStep a = ancestral(i);
        if (a.sigmaDown() == 0) return s.next(VeStep.move(x, x0, from, 0, to.alpha()), 1);
        double sigmaMid = Math.exp(Math.log(sigma) + 0.5 * (Math.log(a.sigmaDown()) - Math.log(sigma)));
        NoiseLevel mid = Levels.atSigmaVe(grid.schedule(), sigmaMid);
        Tensor x2 = VeStep.move(x, x0, from, sigmaMid, mid.alpha());
        Tensor x02 = model.data(x2, mid);
        // y' = y + (σ_down − s)(y₂ − x̂₀₂)/s_mid, y = x/α, y₂ = x₂/α_mid, landing x' = α' y'
        double w = to.alpha() * (a.sigmaDown() - sigma) / sigmaMid;
        Tensor z = Noise.draw(noise, x.shape(), sigma, to.sigmaVe());
        return s.next(Tensor.combine(new double[] {to.alpha() / from.alpha(), w / mid.alpha(), -w, to.alpha() * a.sigmaUp() * sNoise},
                new Tensor[] {x, x2, x02, z}), 2);
    }

    @Override public int modelCalls(int step) { return ancestral(step).sigmaDown() == 0 ? 1 : 2; }
}
