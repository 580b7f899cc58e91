package org.diffuse4j.samplers.ode;

import java.util.Arrays;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;

/**
 * Singlestep DPM-Solver in noise prediction: DPM-Solver-1, -2 and -3, Lu et al. 2022 (arXiv:2206.00927), Eq. (3.7)
 * and Algorithms 1–2, combined as "DPM-Solver-fast" to spend every model call (the official
 * {@code DPM_Solver.sample(method="singlestep", algorithm_type="dpmsolver")}, k-diffusion's {@code sample_dpm_fast},
 * diffusers' DPMSolverSinglestepScheduler with {@code algorithm_type="dpmsolver"}). Deterministic, one model call per
 * grid step: the grid holds the intermediate points of every update (see {@link DpmSinglestep}).
 */
public final class DpmSolverSinglestep extends DpmSinglestep {
    /** How the singlestep DPM-Solvers group n model calls (grid steps) into updates of order ≤ p. */
    public enum OrderSchedule {
        /**
         * "DPM-Solver-fast" (Lu et al. 2022, arXiv:2206.00927; the official
         * {@code get_orders_and_timesteps_for_singlestep_solver}): p = 3: K = ⌊n/3⌋ + 1 groups, [3]·(K−2) + [2, 1] when
         * 3 | n, else [3]·(K−1) + [n mod 3]; p = 2: [2]·(n/2) for even n, else [2]·⌊n/2⌋ + [1]; p = 1: [1]·n.
         */
        FAST,
        /**
         * diffusers' {@code lower_order_final=True} ({@code get_order_list}): as FAST, except that p = 2 with even n
         * ends [2]·(n/2 − 1) + [1, 1].
         */
        LOWER_ORDER_FINAL,
        /**
         * Groups of exactly p, the remainder n mod p as one last lower-order group: the official {@code singlestep_fixed}
         * (which uses multiples of p) and diffusers' {@code lower_order_final=False} (which, when p does not divide n,
         * switches to lower_order_final, whose grouping is then this one).
         */
        FIXED;

        /** The order of each group for n grid steps and highest order p; their sum is n. */
        public int[] groupOrders(int steps, int order) {
            if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
            if (order < 1 || order > 3) throw new ConfigurationException("solver_order", order + " is outside 1 … 3");
            if (this == FIXED) {
                return steps % order == 0 ? repeat(order, steps / order) : append(repeat(order, steps / order), steps % order);
            }
            if (order == 1) return repeat(1, steps);
            if (order == 2) {
                if (steps % 2 == 1) return append(repeat(2, steps / 2), 1);
                return this == FAST ? repeat(2, steps / 2) : append(repeat(2, steps / 2 - 1), 1, 1);
            }
            int k = steps / 3 + 1;
            return switch (steps % 3) {
                case 0 -> append(repeat(3, k - 2), 2, 1);
                case 1 -> append(repeat(3, k - 1), 1);
                default -> append(repeat(3, k - 1), 2);
            };
        }

        private static int[] repeat(int value, int count) {
            int[] out = new int[count];
            Arrays.fill(out, value);
            return out;
        }

        private static int[] append(int[] head, int... tail) {
            int[] out = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, out, head.length, tail.length);
            return out;
        }
    }

    DpmSolverSinglestep(Grid grid, Rules rules) { super(grid, DpmForm.NOISE, rules); }
}
