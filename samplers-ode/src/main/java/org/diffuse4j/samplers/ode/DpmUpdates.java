package org.diffuse4j.samplers.ode;

import java.util.List;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.samplers.ode.DpmSolverPlusPlus2M.SolverType;

/**
 * The updates of the DPM-Solver family in either parameterisation ({@link DpmForm}): first order, multistep of
 * orders 2 and 3, and singlestep of orders 2 and 3 with intermediate points. Each is one fused linear combination
 * of x and the model outputs; the coefficients are those of the official {@code dpm_solver_pytorch.py} and of
 * diffusers' DPMSolverMultistep/Singlestep schedulers (which agree with it).
 */
final class DpmUpdates {
    private DpmUpdates() {}

    /**
     * DPM-Solver-1 ≡ DDIM: x_t = (κ_t/κ_s) x − c₁ m; Lu et al. 2022 (arXiv:2206.00927), Eq. (3.7), and
     * (arXiv:2211.01095), Eq. (8) with k = 1.
     */
    static Tensor firstOrder(DpmForm form, Tensor x, Tensor m, NoiseLevel from, NoiseLevel to) {
        return Tensor.combine(form.xRatio(from, to), x, -form.c1(from, to), m);
    }

    /**
     * Multistep update of order k = 1 … 3 from {@code levels.get(0)} to {@code to}, with the model outputs and their
     * levels newest first. Order 2: D₁ = (m₀ − m₁)/r₀, r₀ = h₀/h, and the correction −½ c₁ D₁ (midpoint; the official
     * "dpmsolver") or −c₂ D₁ (heun; the official "taylor"); Lu et al. 2022 (arXiv:2211.01095), Algorithm 2 and
     * App. B. Order 3: D₁ = D₁⁰ + r₀/(r₀ + r₁)(D₁⁰ − D₁¹), D₂ = (D₁⁰ − D₁¹)/(r₀ + r₁) and the correction −c₂ D₁ − c₃ D₂
     * (arXiv:2211.01095, App. B, the official {@code multistep_dpm_solver_third_update}).
     */
    static Tensor multistep(DpmForm form, SolverType type, int order, Tensor x, List<Tensor> outputs,
                            List<NoiseLevel> levels, NoiseLevel to) {
        NoiseLevel from = levels.get(0);
        double cx = form.xRatio(from, to), c1 = form.c1(from, to);
        Tensor m0 = outputs.get(0);
        if (order == 1) return Tensor.combine(cx, x, -c1, m0);
        double h = to.lambda() - from.lambda();
        double r0 = (from.lambda() - levels.get(1).lambda()) / h;
        if (order == 2) {
            double a = type == SolverType.MIDPOINT ? 0.5 * c1 : form.c2(from, to); // weight of D₁
            return Tensor.combine(cx, x, -c1 - a / r0, m0, a / r0, outputs.get(1));
        }
        double r1 = (levels.get(1).lambda() - levels.get(2).lambda()) / h;
        double c2 = form.c2(from, to), c3 = form.c3(from, to);
        // −c₂ D₁ − c₃ D₂ = −c₂ D₁⁰ − b (D₁⁰ − D₁¹) with b = (c₂ r₀ + c₃)/(r₀ + r₁)
        double b = (c2 * r0 + c3) / (r0 + r1);
        return Tensor.combine(new double[] {cx, -c1 - c2 / r0 - b / r0, c2 / r0 + b * (1 / r0 + 1 / r1), -b / r1},
                new Tensor[] {x, m0, outputs.get(1), outputs.get(2)});
    }

    /**
     * Singlestep update of order k = 1 … 3 from the start level {@code levels.get(0)} (where x is) to {@code to},
     * with the model outputs at the start and at the intermediate levels, oldest first; r₁ and r₂ are the
     * intermediate levels' positions in λ as fractions of h.
     * <ul>
     *   <li>k = 2: −(½/r₁) c₁ (m₁ − m₀) (midpoint; DPM-Solver-2, Lu et al. 2022, arXiv:2206.00927, Algorithm 1;
     *       DPM-Solver++(2S), arXiv:2211.01095, Algorithm 1) or −(1/r₁) c₂ (m₁ − m₀) (heun; the Taylor form).</li>
     *   <li>k = 3: −(1/r₂) c₂ (m₂ − m₀) (midpoint; DPM-Solver-3, arXiv:2206.00927, Algorithm 2) or −c₂ D₁ − c₃ D₂ with
     *       D₁ = (r₂ D₁⁰ − r₁ D₁¹)/(r₂ − r₁), D₂ = 2 (D₁¹ − D₁⁰)/(r₂ − r₁), D₁ⁱ = (mᵢ₊₁ − m₀)/rᵢ₊₁ (heun; the Taylor
     *       form of the official code).</li>
     * </ul>
     */
    static Tensor singlestep(DpmForm form, SolverType type, int order, Tensor x, List<Tensor> outputs,
                             List<NoiseLevel> levels, NoiseLevel to) {
        NoiseLevel from = levels.get(0);
        double cx = form.xRatio(from, to), c1 = form.c1(from, to);
        Tensor m0 = outputs.get(0);
        if (order == 1) return Tensor.combine(cx, x, -c1, m0);
        double h = to.lambda() - from.lambda();
        double r1 = (levels.get(1).lambda() - from.lambda()) / h;
        Tensor m1 = outputs.get(1);
        if (order == 2) {
            double a = (type == SolverType.MIDPOINT ? 0.5 * c1 : form.c2(from, to)) / r1; // weight of (m₁ − m₀)
            return Tensor.combine(cx, x, -c1 + a, m0, -a, m1);
        }
        double r2 = (levels.get(2).lambda() - from.lambda()) / h;
        Tensor m2 = outputs.get(2);
        double c2 = form.c2(from, to);
        if (type == SolverType.MIDPOINT) {
            return Tensor.combine(cx, x, -c1 + c2 / r2, m0, -c2 / r2, m2);
        }
        double c3 = form.c3(from, to);
        // D₁ = (r₂/r₁ (m₁ − m₀) − r₁/r₂ (m₂ − m₀))/(r₂ − r₁), D₂ = 2 ((m₂ − m₀)/r₂ − (m₁ − m₀)/r₁)/(r₂ − r₁)
        double d = r2 - r1;
        double w1 = -c2 * (r2 / r1) / d + c3 * 2 / (r1 * d); // weight of (m₁ − m₀)
        double w2 = c2 * (r1 / r2) / d - c3 * 2 / (r2 * d);  // weight of (m₂ − m₀)
        return Tensor.combine(new double[] {cx, -c1 - w1 - w2, w1, w2}, new Tensor[] {x, m0, m1, m2});
    }
}
