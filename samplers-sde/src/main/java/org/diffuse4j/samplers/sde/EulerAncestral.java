package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ancestral sampling with Euler steps: k-diffusion's {@code sample_euler_ancestral} and diffusers'
 * {@code EulerAncestralDiscreteScheduler}. In y = x/α, s = σ/α: an Euler step of the PF-ODE (Karras et al. 2022,
 * arXiv:2206.00364, Eq. (4)) down to σ_down, then noise σ_up·z ({@link AncestralStep}). Weak order 1, one model
 * call per step, one draw per step that does not land on clean data (k-diffusion's rule; diffusers also draws an
 * unused one on the last step).
 */
public final class EulerAncestral implements Solver<SimpleState> {
    private final Grid grid;
    private final double eta;
    private final double sNoise;

    EulerAncestral(Grid grid, double eta, double sNoise) {
        this.grid = grid;
        this.eta = eta;
        this.sNoise = sNoise;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel from = grid.from(i), to = grid.to(i);
        Tensor x0 = model.data(s.x(), from);
        double sigma = from.sigmaVe(), sigmaNext = to.sigmaVe();
        AncestralStep a = AncestralStep.of(sigma, sigmaNext, eta);
        if (sigmaNext == 0) return s.next(VeStep.move(s.x(), x0, from, a.sigmaDown(), to.alpha()), 1);
        Tensor z = Noise.draw(noise, s.x().shape(), sigma, sigmaNext);
        return s.next(VeStep.move(s.x(), x0, from, a.sigmaDown(), to.alpha(), a.sigmaUp() * sNoise, z), 1);
    }

    @Override public int modelCalls(int step) { return 1; }
}
