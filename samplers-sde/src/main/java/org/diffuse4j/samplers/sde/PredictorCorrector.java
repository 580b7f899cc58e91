package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;

/**
 * Predictor–corrector sampling, Song et al. 2021 (arXiv:2011.13456), Algorithms 1–3 and App. G, as score_sde's
 * {@code pc_sampler} (and diffusers' {@code ScoreSdeVeScheduler}): at every grid level first {@code n_steps}
 * corrector steps at that level (one model call and one draw each), then one predictor step to the next level
 * (one model call, one draw). With {@code noise_removal} the last predictor step returns its mean. Weak order 1.
 *
 * <p>Between a level t and the next, lower one s (α_{t|s} = α_t/α_s, σ²_{t|s} = σ_t² − α_{t|s}²σ_s²):
 * <ul>
 * <li>reverse diffusion (App. E, score_sde's {@code discretize}): x̄ = (2 − α_{t|s}) x + σ²_{t|s} ∇log p, noise σ_{t|s} z;</li>
 * <li>Euler–Maruyama: x̄ = x + [f x − g² ∇log p] dt, noise g √|dt| z (see {@link EulerMaruyama});</li>
 * <li>ancestral (App. F; Ho et al. 2020's chain on VP): x̄ = (x + σ²_{t|s} ∇log p)/α_{t|s}, noise standard deviation σ_{t|s} on VP
 * schedules and σ_s σ_{t|s}/σ_t (SMLD's posterior) on VE schedules;</li>
 * <li>Langevin corrector (Alg. 4–5): ε = 2 α_c (r ‖z‖/‖∇log p‖)², x̄ = x + ε ∇log p, noise √(2ε) z, with
 * α_c = α_{t|s}² (score_sde's {@code alphas[i]}, 1 on VE); the norms are averaged over the batch as the references
 * do ({@code langevin_norm=batch}, which couples the rows of a batch) or taken per row ({@code row});</li>
 * <li>annealed Langevin dynamics (Song &amp; Ermon 2019, arXiv:1907.05600, Alg. 1; score_sde's
 * {@code AnnealedLangevinDynamics}): ε = 2 α_c (r σ_t)², batch invariant.</li>
 * </ul>
 */
public final class PredictorCorrector implements Solver<SimpleState> {
    /** The predictor. */
    public enum Predictor { REVERSE_DIFFUSION, EULER_MARUYAMA, ANCESTRAL, NONE }

    /** The corrector. */
    public enum Corrector { ALD, LANGEVIN, NONE }

    /** How the Langevin corrector's step size averages the gradient and noise norms. */
    public enum LangevinNorm {
        /** Mean norms over the batch, as score_sde and diffusers (rows influence each other). */
        BATCH,
        /** Each row's own norms (Alg. 4 applied to every sample; batch invariant). */
        ROW
    }

    private final Grid grid;
    private final Predictor predictor;
    private final Corrector corrector;
    private final double snr;
    private final int correctorSteps;
    private final boolean noiseRemoval;
    private final LangevinNorm norm;

    PredictorCorrector(Grid grid, Predictor predictor, Corrector corrector, double snr, int correctorSteps, boolean noiseRemoval,
                       LangevinNorm norm) {
        this.grid = grid;
        this.predictor = predictor;
        this.corrector = corrector;
        this.snr = snr;
        this.correctorSteps = corrector == Corrector.NONE ? 0 : correctorSteps;
        this.noiseRemoval = noiseRemoval;
        this.norm = norm;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel t = grid.from(i), to = grid.to(i);
        double alphaTs = t.alpha() / to.alpha();
        Tensor x = s.x();
        for (int k = 0; k < correctorSteps; k++) x = correct(x, model, noise, t, alphaTs * alphaTs);
        if (predictor == Predictor.NONE) return s.next(x, 1);
        Tensor score = model.predict(Prediction.SCORE, x, t);
        Tensor z = Noise.draw(noise, x.shape(), t.sigmaVe(), to.sigmaVe());
        double transition = Levels.transitionVariance(t, to);
        Tensor mean;
        double std;
        switch (predictor) {
            case REVERSE_DIFFUSION -> {
                mean = Tensor.combine(2 - alphaTs, x, transition, score);
                std = Math.sqrt(transition);
            }
            case EULER_MARUYAMA -> {
                double dt = to.t() - t.t();
                ReverseSde sde = ReverseSde.at(t);
                mean = Tensor.combine(1 + sde.f() * dt, x, -sde.g2() * dt, score);
                std = Math.sqrt(sde.g2() * -dt);
            }
            case ANCESTRAL -> {
                mean = Tensor.combine(1 / alphaTs, x, transition / alphaTs, score);
                std = grid.schedule().family() == ScheduleFamily.VE ? to.sigma() * Math.sqrt(transition) / t.sigma() : Math.sqrt(transition);
            }
            default -> throw new IllegalStateException(predictor.name());
        }
        if (noiseRemoval && grid.isLast(i)) return s.next(mean, 1);
        return s.next(Tensor.combine(1, mean, std, z), 1);
    }

    /** One corrector step at level t: x̄ = x + ε ∇log p, x = x̄ + √(2ε) z. */
    private Tensor correct(Tensor x, Model model, NoiseSource noise, NoiseLevel t, double alphaC) {
        Tensor score = model.predict(Prediction.SCORE, x, t);
        Tensor z = noise.gaussian(x.shape());
        int rows = x.rows(), n = x.rowSize();
        double[] epsilon = new double[rows];
        if (corrector == Corrector.ALD) {
            java.util.Arrays.fill(epsilon, 2 * alphaC * Math.pow(snr * t.sigma(), 2));
        } else {
            double[] gradNorm = rowNorms(score), noiseNorm = rowNorms(z);
            if (norm == LangevinNorm.BATCH) {
                double g = mean(gradNorm), w = mean(noiseNorm);
                java.util.Arrays.fill(epsilon, 2 * alphaC * Math.pow(snr * w / g, 2));
            } else {
                for (int r = 0; r < rows; r++) epsilon[r] = 2 * alphaC * Math.pow(snr * noiseNorm[r] / gradNorm[r], 2);
            }
        }
        double[] xs = x.toArray(), g = score.toArray(), zs = z.toArray();
        for (int r = 0; r < rows; r++) {
            double e = epsilon[r], c = Math.sqrt(2 * e);
            for (int j = r * n; j < (r + 1) * n; j++) xs[j] = xs[j] + e * g[j] + c * zs[j];
        }
        return Tensor.of(x.shape(), xs);
    }

    private static double[] rowNorms(Tensor t) {
        double[] out = new double[t.rows()];
        for (int r = 0; r < out.length; r++) {
            double s = 0;
            for (double v : t.rowValues(r)) s += v * v;
            out[r] = Math.sqrt(s);
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    @Override public int modelCalls(int step) { return correctorSteps + (predictor == Predictor.NONE ? 0 : 1); }
}
