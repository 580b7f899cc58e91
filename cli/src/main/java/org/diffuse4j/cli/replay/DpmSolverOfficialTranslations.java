package org.diffuse4j.cli.replay;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep.OrderSchedule;

/**
 * The official DPM-Solver ({@code dpm_solver_pytorch.py}): {@code DPM_Solver.sample} for every method (multistep,
 * singlestep, singlestep_fixed, adaptive), order, algorithm type (dpmsolver, dpmsolver++), skip type, solver type,
 * {@code denoise_to_zero} and model type, on {@code NoiseScheduleVP('discrete')}.
 *
 * <p>Grids carry the official times exactly: {@code get_time_steps} (torch.linspace in λ, t or √t; λ-points mapped
 * back through {@code inverse_lambda}); for the singlestep methods the grid also holds each update's intermediate
 * points s₁ = t(λ_s + r₁ h), s₂ = t(λ_s + r₂ h), with r₁, r₂ taken from the inner {@code get_time_steps} between the
 * outer times as the official code does, so that every grid step is one model call.
 */
final class DpmSolverOfficialTranslations {
    private DpmSolverOfficialTranslations() {}

    static void register(Translations.Registry r) {
        r.add("dpm-solver", "DPM_Solver.sample", DpmSolverOfficialTranslations::dpmSolver);
    }

    static ReferenceSetup dpmSolver(String sampler, ConfigReader c) {
        String algorithm = c.choice("algorithm_type", "dpmsolver++", "dpmsolver++", "dpmsolver");
        String method = c.choice("method", "multistep", "multistep", "singlestep", "singlestep_fixed", "adaptive");
        int order = c.integer("order", 2);
        String skip = c.choice("skip_type", "time_uniform", "logSNR", "time_uniform", "time_quadratic");
        boolean lowerOrderFinal = c.bool("lower_order_final", true);
        boolean denoiseToZero = c.bool("denoise_to_zero", false);
        String solverType = c.choice("solver_type", "dpmsolver", "dpmsolver", "taylor");
        double tStart = c.real("t_start", Double.NaN), tEnd = c.real("t_end", Double.NaN);
        double atol = c.real("atol", 0.0078), rtol = c.real("rtol", 0.05);
        c.bool("return_intermediate", false); // the returned sample is the same either way
        c.choice("guidance_type", "uncond", "uncond");
        // model_wrapper's model_type; the harness writes it as prediction_type
        String modelType = c.choice("model_type", "noise", "noise", "x_start", "v", "score");
        String predictionType = c.choice("prediction_type", modelType, "noise", "sample", "x_start", "v", "score");
        if (c.has("model_type") && c.has("prediction_type") && !modelType.equals(predictionType.replace("sample", "x_start"))) {
            throw new ReplayException("dpm-solver: model_type = " + modelType + " and prediction_type = " + predictionType + " disagree");
        }
        Prediction target = switch (predictionType) {
            case "noise" -> Prediction.EPSILON;
            case "sample", "x_start" -> Prediction.DATA;
            case "v" -> Prediction.V;
            default -> Prediction.SCORE;
        };
        boolean thresholding = c.choice("correcting_x0_fn", "none", "none", "dynamic_thresholding").equals("dynamic_thresholding");
        double thresholdRatio = c.real("dynamic_thresholding_ratio", 0.995);
        double thresholdMax = c.real("thresholding_max_val", 1.0);
        c.requireNull("correcting_xt_fn");
        c.finish();
        if (method.equals("adaptive") ? order < 2 || order > 3 : order < 1 || order > 3) {
            throw new ReplayException("dpm-solver: order = " + order + " is not supported by method " + method
                    + "; supported: " + (method.equals("adaptive") ? "2, 3" : "1, 2, 3"));
        }
        boolean dataForm = algorithm.equals("dpmsolver++");
        SolverOptions options = SolverOptions.NONE;
        if (thresholding) {
            if (thresholdMax != 1.0) {
                throw new ReplayException("dpm-solver: thresholding_max_val = " + thresholdMax
                        + " is not supported; supported: 1.0 (threshold max(quantile, 1))");
            }
            if (!dataForm && denoiseToZero) {
                throw new ReplayException("dpm-solver: correcting_x0_fn = dynamic_thresholding with algorithm_type dpmsolver and "
                        + "denoise_to_zero is not supported (the official code corrects only the final x̂₀ there)");
            }
            if (dataForm) { // with dpmsolver the correction only acts in data_prediction_fn, which it never calls
                options = options.with("thresholding", "true").with("dynamic_thresholding_ratio", Double.toString(thresholdRatio))
                        .with("sample_max_value", "Infinity");
            }
        }
        String type = solverType.equals("dpmsolver") ? "midpoint" : "heun";
        String solverId;
        switch (method) {
            case "multistep" -> {
                solverId = !dataForm ? "dpm-solver" : order == 3 ? "dpmpp-3m" : "dpmpp-2m";
                options = options.with("solver_order", Integer.toString(order)).with("solver_type", type)
                        .with("lower_order_final", Boolean.toString(lowerOrderFinal)).with("lower_order_final_below", "10")
                        .with("denoise_to_zero", Boolean.toString(denoiseToZero));
            }
            case "singlestep", "singlestep_fixed" -> {
                solverId = dataForm ? "dpmpp-2s" : "dpm-solver-singlestep";
                options = options.with("solver_order", Integer.toString(order)).with("solver_type", type)
                        .with("third_order_intermediate", "heun")
                        .with("order_schedule", method.equals("singlestep") ? "fast" : "fixed")
                        .with("denoise_to_zero", Boolean.toString(denoiseToZero));
            }
            default -> {
                solverId = dataForm ? "dpmpp-adaptive" : "dpm-solver-adaptive";
                options = options.with("solver_order", Integer.toString(order)).with("solver_type", type)
                        .with("atol", Double.toString(atol)).with("rtol", Double.toString(rtol));
            }
        }
        return new ReferenceSetup(solverId, options, target, (schedule, steps) -> {
            // NoiseScheduleVP('discrete') clips λ below −5.1; t runs from T = 1 to 1/N of the clipped table
            DiscreteVpSchedule s = Translations.discrete(schedule).clipLambdaBelow(-5.1);
            double tT = Double.isNaN(tStart) ? 1.0 : tStart, t0 = Double.isNaN(tEnd) ? 1.0 / s.trainSteps() : tEnd;
            List<Double> times = switch (method) {
                case "multistep" -> {
                    if (steps < order) throw new ReplayException("dpm-solver: multistep needs steps ≥ order, got " + steps + " < " + order);
                    yield asList(timeSteps(s, skip, tT, t0, steps));
                }
                case "singlestep" -> singlestepTimes(s, skip, tT, t0, steps, OrderSchedule.FAST.groupOrders(steps, order), true);
                case "singlestep_fixed" -> {
                    if (steps < order) throw new ReplayException("dpm-solver: singlestep_fixed with steps < order makes no step");
                    int[] orders = OrderSchedule.FIXED.groupOrders(steps / order * order, order);
                    yield singlestepTimes(s, skip, tT, t0, steps, orders, false);
                }
                default -> List.of(tT, t0);
            };
            List<NoiseLevel> levels = new ArrayList<>(times.size() + 1);
            for (double t : times) levels.add(s.at(t));
            if (denoiseToZero) levels.add(NoiseLevel.clean(0, s.modelTime(0)));
            return Grid.of(s, levels);
        }, StateSpace.VP, "DPM_Solver.sample(" + algorithm + ", " + method + ", order " + order + ", " + skip + ", " + solverType
                + (denoiseToZero ? ", denoise_to_zero" : "") + ")");
    }

    /** The official {@code get_time_steps(skip_type, t_T, t_0, N)}: N + 1 times from t_T to t_0. */
    static double[] timeSteps(DiscreteVpSchedule s, String skip, double tT, double t0, int n) {
        double[] t = new double[n + 1];
        switch (skip) {
            case "logSNR" -> {
                double lT = s.lambda(tT), l0 = s.lambda(t0);
                for (int i = 0; i <= n; i++) t[i] = s.tOfLambda(Translations.torchLinspace(lT, l0, n + 1, i));
            }
            case "time_uniform" -> {
                for (int i = 0; i <= n; i++) t[i] = Translations.torchLinspace(tT, t0, n + 1, i);
            }
            default -> { // time_quadratic
                double a = Math.sqrt(tT), b = Math.sqrt(t0);
                for (int i = 0; i <= n; i++) {
                    double r = Translations.torchLinspace(a, b, n + 1, i);
                    t[i] = r * r;
                }
            }
        }
        return t;
    }

    /**
     * Every time the singlestep method calls the model at, plus its final time: the outer times (for logSNR a K-step
     * grid, K the number of updates; otherwise the N-step grid at the cumulative orders, or a K-step grid for
     * {@code singlestep_fixed}) and between each pair s, t the intermediate points t(λ_s + r_j h), r_j from the inner
     * {@code get_time_steps(skip_type, s, t, order)}.
     */
    private static List<Double> singlestepTimes(DiscreteVpSchedule s, String skip, double tT, double t0, int steps, int[] orders,
                                                boolean fast) {
        double[] outer;
        if (!fast || skip.equals("logSNR")) {
            outer = timeSteps(s, skip, tT, t0, orders.length);
        } else {
            double[] all = timeSteps(s, skip, tT, t0, steps);
            outer = new double[orders.length + 1];
            int k = 0;
            for (int i = 0; i < orders.length; i++) {
                outer[i] = all[k];
                k += orders[i];
            }
            outer[orders.length] = all[k];
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < orders.length; i++) {
            double a = outer[i], b = outer[i + 1];
            times.add(a);
            if (orders[i] == 1) continue;
            double[] inner = timeSteps(s, skip, a, b, orders[i]);
            double lInner0 = s.lambda(inner[0]), hInner = s.lambda(inner[orders[i]]) - lInner0;
            double la = s.lambda(a), h = s.lambda(b) - la;
            for (int j = 1; j < orders[i]; j++) {
                double r = (s.lambda(inner[j]) - lInner0) / hInner;
                times.add(s.tOfLambda(la + r * h));
            }
        }
        times.add(outer[orders.length]);
        return times;
    }

    private static List<Double> asList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) out.add(v);
        return out;
    }
}
