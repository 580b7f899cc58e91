package org.diffuse4j.samplers.ode;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;

/**
 * Grids for flow-matching samplers on rectified flow (α = 1 − t, σ = t): the time shift
 * σ' = shift·σ/(1 + (shift − 1)σ) (Esser et al. 2024, arXiv:2403.03206, Eq. (23)) as a grid transformation,
 * and the noise levels diffusers' FlowMatchEulerDiscreteScheduler and FlowMatchHeunDiscreteScheduler use.
 */
public final class FlowMatchGrids {
    private FlowMatchGrids() {}

    /** σ' = shift·σ/(1 + (shift − 1)σ); shift 1 is the identity, shift &gt; 1 moves levels towards noise. */
    public static double shift(double sigma, double shift) {
        if (!(shift > 0) || Double.isInfinite(shift)) throw new ConfigurationException("shift", "must be positive and finite, got " + shift);
        return shift * sigma / (1 + (shift - 1) * sigma);
    }

    /** Every level's σ = t shifted; the final level stays where it is when it is clean data. */
    public static Grid shifted(Grid grid, double shift) {
        if (grid.schedule().family() != ScheduleFamily.RECTIFIED_FLOW) {
            throw new ConfigurationException("shift", "applies to rectified-flow grids, got " + grid.schedule().family());
        }
        double[] t = grid.times();
        for (int i = 0; i < t.length; i++) t[i] = shift(t[i], shift);
        List<NoiseLevel> levels = new ArrayList<>(t.length);
        for (double ti : t) levels.add(grid.schedule().at(ti));
        return Grid.of(grid.schedule(), levels);
    }

    /**
     * diffusers' FlowMatch sigmas for n steps (before the appended 0): the training sigmas k/N, k = N … 1, are
     * shifted at construction, so σ_max = 1 and σ_min = shift(1/N); {@code set_timesteps} then spaces n values
     * linearly from N·σ_max to N·σ_min (numpy.linspace), divides by N and shifts again.
     */
    public static double[] diffusersSigmas(int trainSteps, int steps, double shift) {
        if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
        if (trainSteps < 1) throw new ConfigurationException("num_train_timesteps", "must be at least 1, got " + trainSteps);
        double sigmaMax = shift(1, shift), sigmaMin = shift(1.0 / trainSteps, shift);
        double start = sigmaMax * trainSteps, end = sigmaMin * trainSteps;
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) s[i] = shift(numpyLinspace(start, end, steps, i) / trainSteps, shift);
        return s;
    }

    /**
     * diffusers' {@code stretch_shift_to_terminal}: 1 − σ is rescaled so that the last sigma becomes
     * {@code terminal}: σ' = 1 − (1 − σ)·(1 − terminal)/(1 − σ_last).
     */
    public static double[] stretchToTerminal(double[] sigmas, double terminal) {
        double scale = (1 - sigmas[sigmas.length - 1]) / (1 - terminal);
        double[] out = new double[sigmas.length];
        for (int i = 0; i < out.length; i++) out[i] = 1 - (1 - sigmas[i]) / scale;
        return out;
    }

    /**
     * Levels at t = σ for each sigma, then clean data; the network receives σ·{@code trainSteps}
     * (diffusers' timesteps).
     */
    public static Grid grid(Schedule schedule, double[] sigmas, int trainSteps) {
        if (schedule.family() != ScheduleFamily.RECTIFIED_FLOW) {
            throw new ConfigurationException("schedule", "flow-matching grids need rectified flow, got " + schedule.family());
        }
        List<NoiseLevel> levels = new ArrayList<>(sigmas.length + 1);
        for (double s : sigmas) {
            if (!(s > 0 && s <= 1)) throw new ConfigurationException("sigmas", "need 0 < σ ≤ 1, got " + s);
            levels.add(schedule.at(s).withModelTime(s * trainSteps));
        }
        levels.add(schedule.at(0).withModelTime(0));
        return Grid.of(schedule, levels);
    }

    // numpy.linspace(start, end, n)[i]
    private static double numpyLinspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        if (i == n - 1) return end;
        return start + i * ((end - start) / (n - 1));
    }
}
