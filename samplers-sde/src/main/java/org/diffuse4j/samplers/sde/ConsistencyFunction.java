package org.diffuse4j.samplers.sde;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VeSchedule;

/**
 * The parameterisation of a consistency model (Song et al. 2023, arXiv:2303.01469, App. C; diffusers'
 * {@code CMStochasticIterativeScheduler}): f(y, s) = c_skip(s) y + c_out(s) F(c_in(s) y, t(s)) with
 * c_skip = σ_d²/((s − s_min)² + σ_d²), c_out = (s − s_min) σ_d/√(s² + σ_d²), c_in = 1/√(s² + σ_d²) and the network
 * time t(s) = 1000·¼·log(s + 1e-44), in VE variables y = x/α, s = σ/α. {@link #denoiser} turns a raw network F into
 * the {@link Denoiser} whose x₀ target is f, as {@code consistency} expects; {@link #grid} builds diffusers' levels.
 */
public record ConsistencyFunction(double sigmaMin, double sigmaData) {
    public ConsistencyFunction {
        if (!(sigmaMin >= 0 && sigmaData > 0)) {
            throw new ConfigurationException("sigma_min/sigma_data", "need sigma_min ≥ 0 and sigma_data > 0, got " + sigmaMin + ", " + sigmaData);
        }
    }

    /** A raw consistency network: F at the c_in-scaled input and the level (whose model time is t(s)). */
    @FunctionalInterface
    public interface Network {
        Tensor apply(Tensor scaledInput, NoiseLevel level, Conditioning conditioning);
    }

    /** diffusers' defaults: s_min = 0.002, σ_d = 0.5. */
    public static ConsistencyFunction standard() { return new ConsistencyFunction(0.002, 0.5); }

    /** c_skip(s) = σ_d²/((s − s_min)² + σ_d²). */
    public double cSkip(double s) {
        double d = s - sigmaMin;
        return sigmaData * sigmaData / (d * d + sigmaData * sigmaData);
    }

    /** c_out(s) = (s − s_min) σ_d/√(s² + σ_d²). */
    public double cOut(double s) { return (s - sigmaMin) * sigmaData / Math.sqrt(s * s + sigmaData * sigmaData); }

    /** c_in(s) = 1/√(s² + σ_d²) (diffusers' {@code scale_model_input}). */
    public double cIn(double s) { return 1 / Math.sqrt(s * s + sigmaData * sigmaData); }

    /** The network time 1000·¼·log(s + 1e-44) (diffusers' {@code sigma_to_t}). */
    public static double networkTime(double s) { return 1000 * 0.25 * Math.log(s + 1e-44); }

    /** The denoiser whose x₀ prediction is f(y, s), from a raw network F. */
    public Denoiser denoiser(Network network) {
        return new Denoiser() {
            @Override public Prediction target() { return Prediction.DATA; }

            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) {
                double s = level.sigmaVe();
                Tensor y = x.scale(1 / level.alpha());
                Tensor f = network.apply(y.scale(cIn(s)), level, conditioning);
                return Tensor.combine(cSkip(s), y, cOut(s), f);
            }
        };
    }

    /**
     * diffusers' {@code set_timesteps(timesteps=…)} levels on a VE schedule: ramp = reversed timesteps/(N − 1),
     * s = (s_max^{1/ρ} + ramp (s_min^{1/ρ} − s_max^{1/ρ}))^ρ (Karras et al. 2022, Eq. (5)) with the schedule's
     * s_min and s_max, then s_min; the network receives {@link #networkTime}.
     */
    public static Grid grid(VeSchedule schedule, int[] timesteps, int trainTimesteps, double rho) {
        if (timesteps.length < 1) throw new ConfigurationException("timesteps", "need at least one timestep");
        for (int i = 1; i < timesteps.length; i++) {
            if (timesteps[i] >= timesteps[i - 1]) throw new ConfigurationException("timesteps", "must be in descending order");
        }
        if (timesteps[0] >= trainTimesteps) {
            throw new ConfigurationException("timesteps", "must start before num_train_timesteps = " + trainTimesteps);
        }
        double minInv = Math.pow(schedule.sigmaMin(), 1 / rho), maxInv = Math.pow(schedule.sigmaMax(), 1 / rho);
        List<NoiseLevel> levels = new ArrayList<>();
        for (int i = 0; i < timesteps.length; i++) {
            double ramp = timesteps[timesteps.length - 1 - i] / (double) (trainTimesteps - 1);
            levels.add(level(schedule, Math.pow(maxInv + ramp * (minInv - maxInv), rho)));
        }
        levels.add(level(schedule, schedule.sigmaMin()));
        return Grid.of(schedule, levels);
    }

    private static NoiseLevel level(VeSchedule schedule, double s) {
        double t = schedule.tOfLambda(-Math.log(s));
        return new NoiseLevel(t, 1, s, 0, schedule.dSigma(t), networkTime(s));
    }
}
