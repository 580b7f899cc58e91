package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * SDE-DPM-Solver++(3M): third-order multistep data-prediction solver of the reverse SDE; k-diffusion's
 * {@code sample_dpmpp_3m_sde} and diffusers' {@code sde-dpmsolver++} with {@code solver_order=3} (whose D₂ weight
 * differs, see {@code diffusers_third_order}). See {@link DpmSdeMultistep}. Weak order 2 (measured on Gaussian data; the third-order terms act on the drift only). One model call and (η &gt; 0) one draw
 * per step; warm-up with first and second (Heun, as k-diffusion; midpoint as diffusers) order, the step onto clean
 * data returns x̂₀.
 */
public final class DpmSolverPlusPlus3MSde implements Solver<MultistepState> {
    private final Grid grid;
    private final MultistepOrder orders;
    private final DpmSdeMultistep.SolverType type;
    private final double eta;
    private final double sNoise;
    private final boolean diffusersThirdOrder;

    DpmSolverPlusPlus3MSde(Grid grid, MultistepOrder orders, DpmSdeMultistep.SolverType type, double eta, double sNoise,
                           boolean diffusersThirdOrder) {
        this.grid = grid;
        this.orders = orders;
        this.type = type;
        this.eta = eta;
        this.sNoise = sNoise;
        this.diffusersThirdOrder = diffusersThirdOrder;
    }

    @Override public Grid grid() { return grid; }

    @Override public MultistepState start(Tensor x) { return MultistepState.start(x); }

    /** Keeps the model outputs of the last two states. */
    @Override public int statesRetained() { return 2; }

    @Override public MultistepState step(MultistepState s, Model model, NoiseSource noise) {
        int i = s.index();
        return DpmSdeMultistep.step(s, model, noise, grid.from(i), grid.to(i), orders.at(grid, i, s.history()), type, eta, sNoise,
                diffusersThirdOrder);
    }

    @Override public int modelCalls(int step) { return 1; }
}
