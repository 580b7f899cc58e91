package org.diffuse4j.api.grid;

import java.util.Arrays;
import java.util.Locale;
import org.diffuse4j.api.ConfigurationException;

/**
 * diffusers' {@code timestep_spacing} (Lin et al. 2024, arXiv:2305.08891, Table 2): which training
 * timesteps an inference schedule of n steps visits, from noise to data.
 */
public enum TimestepSpacing {
    /** round(linspace(0, N−1, n)), reversed. */
    LINSPACE,
    /** k·⌊N/n⌋ + steps_offset, reversed. */
    LEADING,
    /** round(arange(N, 0, −N/n)) − 1. */
    TRAILING;

    /** Parses diffusers' name. */
    public static TimestepSpacing parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.notAllowed("timestep_spacing", name, Arrays.asList("linspace", "leading", "trailing"));
        }
    }

    /**
     * Timesteps as DDIM, Euler, Heun, LMS and PNDM compute them. With {@code round} false (Euler family),
     * linspace values stay fractional.
     */
    public double[] timesteps(int trainSteps, int steps, int stepsOffset, boolean round) {
        check(trainSteps, steps);
        double[] t = new double[steps];
        switch (this) {
            case LINSPACE -> {
                for (int i = 0; i < steps; i++) {
                    double v = linspace(0, trainSteps - 1, steps, i);
                    t[steps - 1 - i] = round ? Math.rint(v) : v;
                }
            }
            case LEADING -> {
                int ratio = trainSteps / steps;
                for (int i = 0; i < steps; i++) t[steps - 1 - i] = (double) i * ratio + stepsOffset;
            }
            case TRAILING -> {
                double ratio = (double) trainSteps / steps;
                for (int i = 0; i < steps; i++) t[i] = Math.rint(trainSteps - i * ratio) - 1;
            }
            default -> throw new IllegalStateException();
        }
        return t;
    }

    /**
     * Timesteps as the multistep solvers (DPMSolverMultistep, UniPC, DEIS, DPMSolverSinglestep) compute them,
     * which space n + 1 points and drop the last; {@code lastTimestep} is N unless λ is clipped.
     */
    public double[] multistepTimesteps(int trainSteps, int lastTimestep, int steps, int stepsOffset) {
        check(trainSteps, steps);
        double[] t = new double[steps];
        switch (this) {
            case LINSPACE -> {
                for (int i = 0; i < steps; i++) {
                    t[i] = Math.rint(linspace(0, lastTimestep - 1, steps + 1, steps - i));
                }
            }
            case LEADING -> {
                int ratio = lastTimestep / (steps + 1);
                for (int i = 0; i < steps; i++) t[i] = (double) (steps - i) * ratio + stepsOffset;
            }
            case TRAILING -> {
                double ratio = (double) trainSteps / steps;
                int count = (int) Math.ceil(lastTimestep / ratio); // numpy.arange(last, 0, −ratio)
                t = new double[count];
                for (int i = 0; i < count; i++) t[i] = Math.rint(lastTimestep - i * ratio) - 1;
            }
            default -> throw new IllegalStateException();
        }
        return t;
    }

    // numpy.linspace(start, end, n)[i]
    static double linspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        if (i == n - 1) return end;
        double step = (end - start) / (n - 1);
        return start + i * step;
    }

    private static void check(int trainSteps, int steps) {
        if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
        if (steps > trainSteps) {
            throw new ConfigurationException("steps", steps + " is more than the " + trainSteps + " training timesteps");
        }
    }
}
