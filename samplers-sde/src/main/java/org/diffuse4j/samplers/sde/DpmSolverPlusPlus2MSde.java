package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * SDE-DPM-Solver++(2M): second-order multistep data-prediction solver of the reverse SDE, Lu et al. 2022
 * (arXiv:2211.01095), §4 and App. B; k-diffusion's {@code sample_dpmpp_2m_sde} (η, midpoint or Heun correction)
 * and diffusers' {@code DPMSolverMultistepScheduler(algorithm_type="sde-dpmsolver++")} (η = 1). See
 * {@link DpmSdeMultistep} for the step. Weak order 2 (measured on Gaussian data); one model call and (η &gt; 0) one draw per step; the step onto clean
 * data returns x̂₀ and draws nothing. First order without history and where {@link MultistepOrder} lowers it.
 */
public final class DpmSolverPlusPlus2MSde implements Solver<MultistepState> {
    private final Grid grid;
    private final MultistepOrder orders;
    private final DpmSdeMultistep.SolverType type;
    private final double eta;
    private final double sNoise;

    DpmSolverPlusPlus2MSde(Grid grid, MultistepOrder orders, DpmSdeMultistep.SolverType type, double eta, double sNoise) {
        this.grid = grid;
        this.orders = orders;
        this.type = type;
        this.eta = eta;
        this.sNoise = sNoise;
    }

    @Override public Grid grid() { return grid; }

    @Override public MultistepState start(Tensor x) { return MultistepState.start(x); }

    /** Keeps the model outputs of the last two states. */
    @Override public int statesRetained() { return 2; }

    @Override public MultistepState step(MultistepState s, Model model, NoiseSource noise) {
        int i = s.index();
        return DpmSdeMultistep.step(s, model, noise, grid.from(i), grid.to(i), orders.at(grid, i, s.history()), type, eta, sNoise, false);
    }

    @Override public int modelCalls(int step) { return 1; }
}
