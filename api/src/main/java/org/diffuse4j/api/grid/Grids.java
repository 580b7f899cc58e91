package org.diffuse4j.api.grid;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.ScheduleFamily;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/** Builders for the usual discretisations of a schedule. */
public final class Grids {
    private Grids() {}

    /** n steps uniform in t from the schedule's tMax to its tMin. */
    public static Grid uniformTime(Schedule schedule, int steps) {
        return uniformTime(schedule, steps, schedule.tMax(), schedule.tMin());
    }

    /** n steps uniform in t from tStart to tEnd (the official DPM-Solver's {@code time_uniform}). */
    public static Grid uniformTime(Schedule schedule, int steps, double tStart, double tEnd) {
        checkSteps(steps);
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) t[i] = TimestepSpacing.linspace(tStart, tEnd, steps + 1, i);
        return explicit(schedule, t);
    }

    /** n steps quadratic in t (the official DPM-Solver's {@code time_quadratic}, DDIM's low-resolution choice). */
    public static Grid timeQuadratic(Schedule schedule, int steps, double tStart, double tEnd) {
        checkSteps(steps);
        double[] t = new double[steps + 1];
        double a = Math.sqrt(tStart), b = Math.sqrt(tEnd);
        for (int i = 0; i <= steps; i++) {
            double r = TimestepSpacing.linspace(a, b, steps + 1, i);
            t[i] = r * r;
        }
        return explicit(schedule, t);
    }

    /**
     * n steps uniform in λ = log(α/σ) from tStart to tEnd (the official DPM-Solver's {@code logSNR};
     * Lu et al. 2022, arXiv:2206.00927, §3.3).
     */
    public static Grid uniformLambda(Schedule schedule, int steps, double tStart, double tEnd) {
        checkSteps(steps);
        double l0 = schedule.lambda(tStart), l1 = schedule.lambda(tEnd);
        if (!Double.isFinite(l0) || !Double.isFinite(l1)) {
            throw new ConfigurationException("grid", "uniform-λ grid needs finite λ at both ends; λ(" + tStart + ") = " + l0
                    + ", λ(" + tEnd + ") = " + l1);
        }
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) t[i] = schedule.tOfLambda(TimestepSpacing.linspace(l0, l1, steps + 1, i));
        t[0] = tStart;
        t[steps] = tEnd;
        return explicit(schedule, t);
    }

    /** Levels at explicit times. */
    public static Grid explicit(Schedule schedule, double[] times) {
        List<NoiseLevel> levels = new ArrayList<>(times.length);
        for (double t : times) {
            if (!Double.isFinite(t)) throw new ConfigurationException("times", "every time must be finite, got " + t);
            levels.add(schedule.at(t));
        }
        return Grid.of(schedule, levels);
    }

    /**
     * Karras et al. 2022 (arXiv:2206.00364), Eq. (5): σ_i = (σ_max^{1/ρ} + i/(n−1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ
     * over VE noise levels σ/α, n levels, then σ = 0 appended when {@code toZero}.
     */
    public static double[] karrasSigmas(int n, double sigmaMin, double sigmaMax, double rho, boolean toZero) {
        if (n < 1) throw new ConfigurationException("steps", "must be at least 1, got " + n);
        if (!(0 < sigmaMin && sigmaMin < sigmaMax)) {
            throw new ConfigurationException("sigma_min/sigma_max", "need 0 < sigma_min < sigma_max, got " + sigmaMin + ", " + sigmaMax);
        }
        if (!(rho > 0)) throw new ConfigurationException("rho", "must be positive, got " + rho);
        double minInv = Math.pow(sigmaMin, 1 / rho), maxInv = Math.pow(sigmaMax, 1 / rho);
        double[] s = new double[toZero ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            double ramp = TimestepSpacing.linspace(0, 1, n, i);
            s[i] = Math.pow(maxInv + ramp * (minInv - maxInv), rho);
        }
        return s;
    }

    /**
     * n σ/α values evenly spaced in log σ from σ_max to σ_min, then 0 when {@code toZero}
     * (k-diffusion {@code get_sigmas_exponential}).
     */
    public static double[] exponentialSigmas(int n, double sigmaMin, double sigmaMax, boolean toZero) {
        return polyexponentialSigmas(n, sigmaMin, sigmaMax, 1.0, toZero);
    }

    /**
     * k-diffusion {@code get_sigmas_polyexponential}: σ_i = exp(ramp_i^ρ (log σ_max − log σ_min) + log σ_min) with
     * ramp = linspace(1, 0, n), then 0 when {@code toZero}; ρ = 1 is the exponential (log-uniform) spacing.
     */
    public static double[] polyexponentialSigmas(int n, double sigmaMin, double sigmaMax, double rho, boolean toZero) {
        if (n < 1) throw new ConfigurationException("steps", "must be at least 1, got " + n);
        if (!(0 < sigmaMin && sigmaMin < sigmaMax)) {
            throw new ConfigurationException("sigma_min/sigma_max", "need 0 < sigma_min < sigma_max, got " + sigmaMin + ", " + sigmaMax);
        }
        if (!(rho > 0)) throw new ConfigurationException("rho", "must be positive, got " + rho);
        double lo = Math.log(sigmaMin), hi = Math.log(sigmaMax);
        double[] s = new double[toZero ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            double ramp = TimestepSpacing.linspace(1, 0, n, i);
            s[i] = Math.exp(Math.pow(ramp, rho) * (hi - lo) + lo);
        }
        return s;
    }

    /** A Karras grid of n steps ending at clean data, between the schedule's own σ/α range or the given one. */
    public static Grid karras(Schedule schedule, int steps, double sigmaMin, double sigmaMax, double rho) {
        checkSteps(steps);
        return fromSigmasVe(schedule, karrasSigmas(steps, sigmaMin, sigmaMax, rho, true));
    }

    /**
     * Levels at the given VE noise levels s = σ/α (s = 0 is clean data). Variance-preserving schedules get
     * α = 1/√(1+s²) exactly; other schedules take α from the time with λ = −log s.
     */
    public static Grid fromSigmasVe(Schedule schedule, double[] sigmasVe) {
        List<NoiseLevel> levels = new ArrayList<>(sigmasVe.length);
        for (double s : sigmasVe) {
            if (!(s >= 0) || Double.isInfinite(s)) throw new ConfigurationException("sigmas", "need finite σ ≥ 0, got " + s);
            if (s == 0) {
                levels.add(NoiseLevel.clean(schedule.tMin(), schedule.modelTime(schedule.tMin())).withDerivatives(
                        schedule.dAlpha(schedule.tMin()), schedule.dSigma(schedule.tMin())));
                continue;
            }
            double t = schedule.tOfLambda(-Math.log(s));
            boolean vp = schedule.family() == ScheduleFamily.DISCRETE_VP || schedule.family() == ScheduleFamily.CONTINUOUS_VP;
            double alpha = vp ? 1 / Math.sqrt(s * s + 1) : schedule.alpha(t);
            levels.add(new NoiseLevel(t, alpha, s * alpha, schedule.dAlpha(t), schedule.dSigma(t), schedule.modelTime(t)));
        }
        return Grid.of(schedule, levels);
    }

    /**
     * diffusers' VP levels at integer timesteps (DDIM, PNDM): α = √ᾱ_k, σ = √(1 − ᾱ_k), the network receives k;
     * {@code last} is the level after the final timestep.
     */
    public static Grid vpTimesteps(DiscreteVpSchedule schedule, double[] timesteps, NoiseLevel last) {
        List<NoiseLevel> levels = new ArrayList<>(timesteps.length + 1);
        for (double k : timesteps) levels.add(schedule.timestep(checkInteger(k)));
        levels.add(last);
        return Grid.of(schedule, levels);
    }

    /**
     * diffusers' σ-based levels (Euler, Heun, LMS, DPMSolver, UniPC, DEIS): σ/α interpolated linearly at the
     * (possibly fractional) timesteps, then {@code finalSigmaVe} (0 or σ_min); the network receives the timestep.
     */
    public static Grid sigmaInterpolated(DiscreteVpSchedule schedule, double[] timesteps, double finalSigmaVe) {
        double[] s = new double[timesteps.length + 1];
        double[] model = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            s[i] = schedule.sigmaVeAt(timesteps[i]);
            model[i] = timesteps[i];
        }
        s[timesteps.length] = finalSigmaVe;
        model[timesteps.length] = finalSigmaVe == 0 ? 0 : schedule.timestepOfSigmaVe(finalSigmaVe);
        return discreteSigmaGrid(schedule, s, model);
    }

    /**
     * Levels at given σ/α values on a discrete schedule, with the model time handed out for each
     * (diffusers rounds {@code _sigma_to_t}; k-diffusion passes it unrounded).
     */
    public static Grid discreteSigmaGrid(DiscreteVpSchedule schedule, double[] sigmasVe, double[] modelTimes) {
        if (sigmasVe.length != modelTimes.length) {
            throw new ConfigurationException("sigmas", sigmasVe.length + " sigmas but " + modelTimes.length + " model times");
        }
        List<NoiseLevel> levels = new ArrayList<>(sigmasVe.length);
        for (int i = 0; i < sigmasVe.length; i++) {
            double s = sigmasVe[i];
            double k = s == 0 ? -1 : schedule.timestepOfSigmaVe(s);
            double t = schedule.tOfTimestep(k);
            levels.add(NoiseLevel.ofSigmaVe(t, s, modelTimes[i])
                    .withDerivatives(schedule.dAlpha(t), schedule.dSigma(t)));
        }
        return Grid.of(schedule, levels);
    }

    private static int checkInteger(double k) {
        if (k != Math.rint(k)) throw new ConfigurationException("timesteps", "need integer timesteps here, got " + k);
        return (int) k;
    }

    private static void checkSteps(int steps) {
        if (steps < 1) throw new ConfigurationException("steps", "must be at least 1, got " + steps);
    }
}
