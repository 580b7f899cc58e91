package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ancestral sampling with DPM-Solver++(2S) steps: k-diffusion's {@code sample_dpmpp_2s_ancestral}. A single-step
 * second-order data-prediction step (Lu et al. 2022, arXiv:2211.01095, Alg. 1 with r = ½) from s to σ_down
 * through the log-σ midpoint, y' = (σ_down/s) y + (1 − σ_down/s) x̂₀(y₂, s_mid) with y₂ the DDIM step to s_mid,
 * then noise σ_up·z ({@link AncestralStep}) unless landing on clean data. Two model calls per step (one, an Euler
 * step, where σ_down = 0); weak order 2 (measured on Gaussian data).
 */
public final class DpmSolverPlusPlus2SAncestral implements Solver<SimpleState> {
    private final Grid grid;
    private final double eta;
    private final double sNoise;

    DpmSolverPlusPlus2SAncestral(Grid grid, double eta, double sNoise) {
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
        double sigma = from.sigmaVe(), sigmaNext = to.sigmaVe();
        AncestralStep a = ancestral(i);
        Tensor next;
        int order;
        if (a.sigmaDown() == 0) {
            next = VeStep.move(x, x0, from, 0, to.alpha());
            order = 1;
        } else {
            // t = −log s, h = log(s/σ_down), midpoint t + h/2: s_mid = exp(−(t + h/2))
            double t = -Math.log(sigma), h = -Math.log(a.sigmaDown()) - t;
            double sigmaMid = Math.exp(-(t + 0.5 * h));
            NoiseLevel mid = Levels.atSigmaVe(grid.schedule(), sigmaMid);
            Tensor x02 = model.data(VeStep.move(x, x0, from, sigmaMid, mid.alpha()), mid);
            next = VeStep.move(x, x02, from, a.sigmaDown(), to.alpha());
            order = 2;
        }
        if (sigmaNext > 0) {
            Tensor z = Noise.draw(noise, x.shape(), sigma, sigmaNext);
            next = Tensor.combine(1, next, to.alpha() * a.sigmaUp() * sNoise, z);
        }
        return s.next(next, order);
    }

    @Override public int modelCalls(int step) { return ancestral(step).sigmaDown() == 0 ? 1 : 2; }
}
