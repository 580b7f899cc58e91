package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.SimpleState;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.Tensor;

/**
 * Ancestral sampling with the DDPM posterior q(x_s | x_t, x̂₀); Ho et al. 2020 (arXiv:2006.11239),
 * Eqs. (6)–(7), generalised to any pair of levels (Kingma et al. 2021, arXiv:2107.00630, Eq. (29)):
 * mean = α_{t|s} σ_s²/σ_t² · x + α_s σ²_{t|s}/σ_t² · x̂₀, with the variance chosen by {@link VarianceType}
 * (diffusers' {@code DDPMScheduler}). Weak order 1, one model call per step, one draw per step that adds noise:
 * every step that does not land on clean data, and with {@code noise_at_final} (diffusers' rule "noise when the
 * timestep t &gt; 0", which holds on the last step of leading/trailing grids with a positive last timestep) the last
 * one too. x̂₀ may be clipped or dynamically thresholded first.
 */
public final class Ddpm implements Solver<SimpleState> {
    /** diffusers' {@code variance_type}; β = σ²_{t|s}, β̃ = β σ_s²/σ_t² (the posterior variance, clamped at 1e-20). */
    public enum VarianceType {
        /** β̃ (Ho et al. 2020, §3.2: σ_t² = β̃_t). */
        FIXED_SMALL,
        /** β̃ applied as exp(½ log β̃) (diffusers, for rl-diffuser). */
        FIXED_SMALL_LOG,
        /** β (Ho et al. 2020, §3.2: σ_t² = β_t). */
        FIXED_LARGE,
        /**
         * β applied as exp(½ log β): GLIDE's "max_log". diffusers' DDPMScheduler takes the square root of the log
         * here and returns NaN; this is the intended variance, equal to {@link #FIXED_LARGE} up to rounding.
         */
        FIXED_LARGE_LOG,
        /** Σ predicted by the network (diffusers: the variance output is the variance itself). */
        LEARNED,
        /** Σ = exp(v' log β + (1 − v') log β̃), v' = (v + 1)/2: Nichol &amp; Dhariwal 2021, arXiv:2102.09672, Eq. (15). */
        LEARNED_RANGE;

        boolean learned() { return this == LEARNED || this == LEARNED_RANGE; }
    }

    private final Grid grid;
    private final VarianceType varianceType;
    private final X0Correction correction;
    private final boolean noiseAtFinal;

    Ddpm(Grid grid, VarianceType varianceType, X0Correction correction, boolean noiseAtFinal) {
        this.grid = grid;
        this.varianceType = varianceType;
        this.correction = correction;
        this.noiseAtFinal = noiseAtFinal;
    }

    @Override public Grid grid() { return grid; }

    @Override public SimpleState start(Tensor x) { return SimpleState.start(x); }

    @Override public int statesRetained() { return 0; } // one-step: reads only the current state

    @Override public SimpleState step(SimpleState s, Model model, NoiseSource noise) {
        int i = s.index();
        NoiseLevel t = grid.from(i), to = grid.to(i);
        VarianceModel variances = varianceType.learned() ? varianceModel(model) : null;
        Tensor x0 = correction.apply(model.data(s.x(), t));
        double alphaTs = t.alpha() / to.alpha();
        double sigmaT2 = t.sigma() * t.sigma(), sigmaS2 = to.sigma() * to.sigma();
        double beta = Levels.transitionVariance(t, to);
        // posterior mean, Ho et al. 2020 Eq. (7) in (α, σ) form
        double cx = alphaTs * sigmaS2 / sigmaT2;
        double c0 = to.alpha() * beta / sigmaT2;
        boolean addNoise = !to.isClean() || noiseAtFinal;
        if (!addNoise) return s.next(Tensor.combine(cx, s.x(), c0, x0), 1);
        double small = Math.max(beta * sigmaS2 / sigmaT2, 1e-20);   // β̃, clamped as diffusers does
        Tensor z = Noise.draw(noise, s.x().shape(), t.sigmaVe(), to.sigmaVe());
        return switch (varianceType) {
            case FIXED_SMALL -> s.next(Tensor.combine(cx, s.x(), c0, x0, Math.sqrt(small), z), 1);
            case FIXED_SMALL_LOG -> s.next(Tensor.combine(cx, s.x(), c0, x0, Math.exp(0.5 * Math.log(small)), z), 1);
            case FIXED_LARGE -> s.next(Tensor.combine(cx, s.x(), c0, x0, Math.sqrt(beta), z), 1);
            case FIXED_LARGE_LOG -> s.next(Tensor.combine(cx, s.x(), c0, x0, Math.exp(0.5 * Math.log(beta)), z), 1);
            case LEARNED, LEARNED_RANGE -> {
                Tensor v = variances.variance(s.x(), t);
                double minLog = Math.log(small), maxLog = Math.log(beta);
                // learned: Σ = v (std √v); learned_range: Nichol & Dhariwal 2021, Eq. (15)
                Tensor std = varianceType == VarianceType.LEARNED ? v.map(Math::sqrt)
                        : v.map(p -> Math.exp(0.5 * ((p + 1) / 2 * maxLog + (1 - (p + 1) / 2) * minLog)));
                yield s.next(Tensor.combine(cx, s.x(), c0, x0, 1, std.times(z)), 1);
            }
        };
    }

    private VarianceModel varianceModel(Model model) {
        if (model instanceof VarianceModel v) return v;
        throw new ConfigurationException("variance_type", "'" + varianceType.name().toLowerCase(java.util.Locale.ROOT)
                + "' needs a network that also predicts the variance: sample with LearnedVariance.sample and a"
                + " VarianceDenoiser (the model given to this step has no variance output)");
    }

    @Override public int modelCalls(int step) { return 1; }
}
