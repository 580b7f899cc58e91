package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VeSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * diffusers' EDM schedulers (Karras et al. 2022, arXiv:2206.00364, Table 1): the sample is the variance-exploding
 * state (α = 1, σ), the network receives c_in·x and c_noise = ¼ log σ, and the scheduler turns its raw output F into
 * x̂₀ = c_skip·x + c_out·F — here part of the model, whose native target is then x̂₀.
 * {@code EDMEulerScheduler} ({@code euler}) and {@code EDMDPMSolverMultistepScheduler} ({@code dpmpp-2m}/{@code dpmpp-3m}).
 */
final class EdmFamily {
    private EdmFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("EDMEulerScheduler", EdmFamily::edmEuler);
        r.add("EDMDPMSolverMultistepScheduler", EdmFamily::edmDpm);
    }

    /** The EDM preconditioning of a config. */
    private record Edm(double sigmaMin, double sigmaMax, double sigmaData, double rho, boolean karras, Prediction prediction) {
        static Edm read(ConfigReader k) {
            double sigmaMin = k.real("sigma_min", 0.002), sigmaMax = k.real("sigma_max", 80.0);
            double sigmaData = k.real("sigma_data", 0.5), rho = k.real("rho", 7.0);
            boolean karras = k.choice("sigma_schedule", "karras", "karras", "exponential").equals("karras");
            Prediction p = Prediction.parse(k.choice("prediction_type", "epsilon", "epsilon", "v_prediction"));
            k.integer("num_train_timesteps", 1000); // only the training table, which set_timesteps replaces
            return new Edm(sigmaMin, sigmaMax, sigmaData, rho, karras, p);
        }

        /** set_timesteps(n): Karras σ's over ramp = torch.linspace(0, 1, n), or exp(torch.linspace(log σ_min, log σ_max, n)) flipped. */
        double[] sigmas(int n) {
            double[] s = new double[n];
            if (karras) {
                double minInv = Math.pow(sigmaMin, 1 / rho), maxInv = Math.pow(sigmaMax, 1 / rho);
                for (int i = 0; i < n; i++) s[i] = Math.pow(maxInv + torchLinspace(0, 1, n, i) * (minInv - maxInv), rho);
            } else {
                double a = Math.log(sigmaMin), b = Math.log(sigmaMax);
                for (int i = 0; i < n; i++) s[i] = Math.exp(torchLinspace(a, b, n, n - 1 - i));
            }
            return s;
        }

        /** c_in = 1/√(σ² + σ_d²). */
        Plan.Scaling scaling() {
            return (y, level) -> {
                double s = level.sigmaVe();
                return y.scale(1 / Math.sqrt(s * s + sigmaData * sigmaData));
            };
        }

        /** x̂₀ = c_skip·x + c_out·F with c_skip = σ_d²/(σ² + σ_d²), c_out = ±σ σ_d/√(σ² + σ_d²) (− for v_prediction). */
        DummyModel.Output output() {
            return (raw, x, level) -> {
                double s = level.sigmaVe();
                double d = s * s + sigmaData * sigmaData;
                double cSkip = sigmaData * sigmaData / d;
                double cOut = (prediction == Prediction.V ? -1 : 1) * s * sigmaData / Math.sqrt(d);
                return Tensor.combine(cSkip, x.scale(1 / level.alpha()), cOut, raw);
            };
        }
    }

    /** torch.linspace(start, end, n)[i]: from the start in the first half, from the end in the second. */
    static double torchLinspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        double step = (end - start) / (n - 1);
        return i < n / 2 ? start + i * step : end - (n - 1 - i) * step;
    }

    /** VE levels (α = 1) at the σ's, the network receiving c_noise = ¼ log σ; σ = 0 is clean data. */
    private static Grid grid(Edm e, double[] sigmas) {
        VeSchedule ve = new VeSchedule(Math.min(e.sigmaMin(), minPositive(sigmas)), Math.max(e.sigmaMax(), sigmas[0]) * (1 + 1e-12));
        double logRatio = Math.log(ve.sigmaMax() / ve.sigmaMin());
        List<NoiseLevel> levels = new ArrayList<>();
        for (double s : sigmas) {
            if (s == 0) {
                levels.add(NoiseLevel.clean(0, 0));
                continue;
            }
            double t = Math.log(s / ve.sigmaMin()) / logRatio;
            levels.add(new NoiseLevel(t, 1, s, 0, s * logRatio, 0.25 * Math.log(s)));
        }
        return Grid.of(ve, levels);
    }

    private static double minPositive(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) if (x > 0) m = Math.min(m, x);
        return m;
    }

    private static double[] withFinal(double[] sigmas, double last) {
        double[] all = java.util.Arrays.copyOf(sigmas, sigmas.length + 1);
        all[sigmas.length] = last;
        return all;
    }

    private static double[] cNoise(double[] sigmas) {
        double[] t = new double[sigmas.length];
        for (int i = 0; i < t.length; i++) t[i] = 0.25 * Math.log(sigmas[i]);
        return t;
    }

    /** EDMEulerScheduler: Euler in σ with the EDM preconditioning; the final σ is 0 or the last σ again (a step of length 0). */
    private static Tensor edmEuler(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Edm e = Edm.read(k);
        boolean finalZero = k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        k.finish();
        int n = Diffusers.inferenceSteps(c);
        double[] s = e.sigmas(n);
        double[] all = withFinal(s, finalZero ? 0 : s[n - 1]);
        Plan plan = new Plan("euler", SolverOptions.NONE, Prediction.DATA, grid(e, all), Plan.Space.VE, e.scaling(), e.output(),
                Math.sqrt(e.sigmaMax() * e.sigmaMax() + 1), i -> i, cNoise(s), all, "EDM Euler " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** EDMDPMSolverMultistepScheduler: DPM-Solver++ on the EDM σ's (α = 1); the final σ is 0 or σ_min. */
    private static Tensor edmDpm(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        Edm e = Edm.read(k);
        int order = k.integer("solver_order", 2);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        String algorithm = k.choice("algorithm_type", "dpmsolver++", "dpmsolver++", "sde-dpmsolver++");
        String solverType = k.choice("solver_type", "midpoint", "midpoint", "heun");
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        boolean eulerAtFinal = k.bool("euler_at_final", false);
        boolean finalZero = k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        k.finish();
        if (!algorithm.equals("dpmsolver++")) throw new ReplayException("algorithm_type = '" + algorithm + "' (stochastic) is not supported");
        if (order < 1 || order > 3) throw new ReplayException("solver_order = " + order + " is not supported; supported: 1, 2, 3");
        int n = Diffusers.inferenceSteps(c);
        double[] s = e.sigmas(n);
        double[] all = withFinal(s, finalZero ? 0 : e.sigmaMin());
        MultistepFamily.checkShortGridRule(c, n, lowerOrderFinal);
        String solverId = order == 3 ? "dpmpp-3m" : "dpmpp-2m";
        SolverOptions options = new Diffusers.Options(ctx, solverId)
                .put("solver_order", order)
                .put("solver_type", solverType)
                .put("lower_order_final", lowerOrderFinal)
                .put("lower_order_final_below", 15)
                .flag("euler_at_final", eulerAtFinal)
                .soft("denoise_to_zero", false)
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .build();
        Plan plan = new Plan(solverId, options, Prediction.DATA, grid(e, all), Plan.Space.VE,
                e.scaling(), e.output(), Math.sqrt(e.sigmaMax() * e.sigmaMax() + 1), i -> i, cNoise(s), all,
                "EDM DPM-Solver++ order " + order + " " + n + " steps");
        return SuiteLoop.run(plan, c, ctx);
    }
}
