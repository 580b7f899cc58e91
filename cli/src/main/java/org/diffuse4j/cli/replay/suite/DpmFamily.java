package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import java.util.Arrays;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;
import org.diffuse4j.samplers.ode.DpmSolverSinglestep;

/**
 * diffusers' DPM-Solvers on σ-grids of a discrete VP schedule, whose sample is the VP state:
 * {@code DPMSolverMultistepScheduler} and {@code DPMSolverMultistepInverseScheduler} ({@code dpmpp-2m},
 * {@code dpmpp-3m}, {@code dpm-solver}) and {@code DPMSolverSinglestepScheduler} ({@code dpmpp-2s},
 * {@code dpm-solver-singlestep}).
 */
final class DpmFamily {
    private DpmFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("DPMSolverMultistepScheduler", (c, ctx) -> dpmMultistep(c, ctx, false));
        r.add("DPMSolverMultistepInverseScheduler", (c, ctx) -> dpmMultistep(c, ctx, true));
        r.add("DPMSolverSinglestepScheduler", DpmFamily::dpmSinglestep);
    }

    /** The λ-clipping of {@code lambda_min_clipped}: how many of the noisiest timesteps have λ below it. */
    static int clippedCount(double[] ac, double lambdaMinClipped) {
        int clipped = 0; // searchsorted(flip(λ), lambda_min_clipped)
        for (double a : ac) if (Math.log(Math.sqrt(a)) - Math.log(Math.sqrt(1 - a)) < lambdaMinClipped) clipped++;
        return clipped;
    }

    private static Tensor dpmMultistep(SuiteCase c, SuiteContext ctx, boolean inverse) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, inverse ? null : DiffusersSchedule.ZeroSnrEnd.TWO_POW_MINUS_24);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        int order = k.integer("solver_order", 2);
        Prediction target = Diffusers.prediction(k);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        String algorithm = k.choice("algorithm_type", "dpmsolver++", "dpmsolver++", "dpmsolver", "sde-dpmsolver++", "sde-dpmsolver", "deis");
        if (algorithm.equals("deis")) algorithm = "dpmsolver++"; // __init__ re-registers it
        String solverType = k.choice("solver_type", "midpoint", "midpoint", "heun", "logrho", "bh1", "bh2");
        if (!solverType.equals("heun")) solverType = "midpoint"; // __init__ re-registers logrho, bh1, bh2
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        boolean eulerAtFinal = k.bool("euler_at_final", false);
        boolean karras = k.bool("use_karras_sigmas", false);
        boolean exponential = k.bool("use_exponential_sigmas", false);
        boolean beta = false;
        if (inverse) k.require("use_beta_sigmas", false, "beta sigmas of the inverse scheduler are not supported");
        else beta = k.bool("use_beta_sigmas", false);
        boolean lu = !inverse && k.bool("use_lu_lambdas", false);
        k.require("use_flow_sigmas", false, "flow sigmas belong to flow-matching models");
        k.requireReal("flow_shift", 1.0, "only used with flow sigmas");
        boolean finalZero = !inverse && k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        double lambdaMinClipped = k.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        k.requireNull("variance_type", "learned variances need a model that outputs them");
        TimestepSpacing spacing = TimestepSpacing.parse(k.choice("timestep_spacing", "linspace", "linspace", "leading", "trailing"));
        int offset = k.integer("steps_offset", 0);
        if (!inverse) {
            k.require("use_dynamic_shifting", false, "dynamic shifting belongs to flow-matching models");
            k.choice("time_shift_type", "exponential", "exponential");
        }
        k.finish();
        String betaSchedule = c.config().path("beta_schedule").asText("linear");
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        if (order < 1 || order > 3) throw new ReplayException("solver_order = " + order + " is not supported; supported: 1, 2, 3");
        String solverId = switch (algorithm) {
            case "dpmsolver++" -> order == 3 ? "dpmpp-3m" : "dpmpp-2m";
            case "dpmsolver" -> "dpm-solver";
            default -> throw new ReplayException("algorithm_type = '" + algorithm + "' (stochastic multistep DPM-Solver) is not supported");
        };

        int n = Diffusers.inferenceSteps(c);
        int nTrain = ac.length;
        int clipped = clippedCount(ac, lambdaMinClipped);
        double[] ts;
        double[] sig;
        if (!inverse) {
            ts = spacing.multistepTimesteps(nTrain, nTrain - clipped, n, offset);
            if (karras || lu || exponential || beta) {
                sig = karras ? SigmaTable.karras(n, table.sigmas[0], table.sigmas[nTrain - 1])
                        : lu ? table.lu(n) : exponential ? SigmaTable.exponential(n, table.sigmas[0], table.sigmas[nTrain - 1])
                        : SigmaTable.beta(n, table.sigmas[0], table.sigmas[nTrain - 1]);
                ts = new double[sig.length];
                boolean round = (karras || lu) && !betaSchedule.equals("squaredcos_cap_v2");
                for (int i = 0; i < sig.length; i++) {
                    double t = table.sigmaToT(sig[i]);
                    ts[i] = (long) (round ? Math.rint(t) : t); // then cast to int64
                }
            } else {
                sig = new double[ts.length];
                for (int i = 0; i < ts.length; i++) sig[i] = table.interp(ts[i]);
            }
            sig = Arrays.copyOf(sig, sig.length + 1);
            sig[sig.length - 1] = finalZero ? 0 : table.sigmas[0];
        } else {
            int noisiest = nTrain - 1 - clipped;
            ts = new double[n];
            for (int i = 0; i < n; i++) {
                ts[i] = switch (spacing) {
                    case LINSPACE -> Math.rint(SigmaTable.linspace(0, noisiest, n + 1, i));
                    case LEADING -> (double) i * ((noisiest + 1) / (n + 1)) + offset;
                    case TRAILING -> throw new ReplayException("DPMSolverMultistepInverseScheduler with trailing spacing is not supported");
                };
            }
            if (karras || exponential) {
                // the unflipped (ascending) table: its ends swap the roles of σ_min and σ_max, giving ascending σ's;
                // the last σ is repeated (a final step of length 0)
                double lo = table.sigmas[nTrain - 1], hi = table.sigmas[0];
                double[] spaced = karras ? SigmaTable.karras(n, lo, hi) : SigmaTable.exponential(n, lo, hi);
                for (int i = 0; i < n; i++) {
                    double t = table.sigmaToT(spaced[i]);
                    ts[i] = karras ? Math.rint(t) : (long) t;
                }
                sig = Arrays.copyOf(spaced, n + 1);
                sig[n] = spaced[n - 1];
            } else {
                sig = new double[n + 1];
                for (int i = 0; i < n; i++) sig[i] = table.interp(ts[i]);
                sig[n] = table.sigmas[noisiest];
            }
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (ts[i] == ts[j]) throw new ReplayException("inverse timesteps repeat (" + ts[i] + "): the reference drops them but keeps their σ");
                }
            }
        }
        double[] model = Arrays.copyOf(ts, sig.length);
        Grid grid = Grids.discreteSigmaGrid(s, sig, model);
        // diffusers applies lower_order_final to grids shorter than 15 steps, and always when landing on σ = 0
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
        Plan plan = Plan.simple(solverId, options, target, grid, Plan.Space.VP, 1.0, ts, sig,
                (inverse ? "DPM-Solver inverse " : "DPM-Solver ") + algorithm + " order " + order + " " + n + " steps");
        if (c.procedure().loopStart() > 0 && lowerOrderFinal && (n < 15) != (n - c.procedure().loopStart() < 15)) {
            throw new ReplayException("the loop starts at step " + c.procedure().loopStart() + ": lower_order_final's "
                    + "15-step rule would see a different grid length");
        }
        return SuiteLoop.run(plan, c, ctx);
    }

    /**
     * DPMSolverSinglestepScheduler: timesteps round(linspace(0, N − 1 − clipped, n + 1))[::-1][:-1] (or a Karras /
     * exponential σ spacing), and the sub-step orders of {@code get_order_list} ([1, 2, 3] patterns; a loop that starts
     * mid-schedule lowers the order while the history is missing). The orders group into singlestep updates, which
     * the dpmpp-2s / dpm-solver-singlestep solvers run when one of their order schedules gives the same
     * groups on the whole grid; a loop from timesteps[k] is their {@code start_step=k}, which cuts the groups as
     * diffusers' step() does.
     */
    private static Tensor dpmSinglestep(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        double[] ac = DiffusersSchedule.alphasCumprod(k, null);
        DiscreteVpSchedule s = DiffusersSchedule.carrier(ac);
        SigmaTable table = new SigmaTable(ac);
        int order = k.integer("solver_order", 2);
        Prediction target = Diffusers.prediction(k);
        boolean thresholding = k.bool("thresholding", false);
        double ratio = k.real("dynamic_thresholding_ratio", 0.995);
        double maxValue = k.real("sample_max_value", 1.0);
        String algorithm = k.choice("algorithm_type", "dpmsolver++", "dpmsolver++", "dpmsolver", "sde-dpmsolver++", "deis");
        if (algorithm.equals("deis")) algorithm = "dpmsolver++"; // __init__ re-registers it
        String solverType = k.choice("solver_type", "midpoint", "midpoint", "heun", "logrho", "bh1", "bh2");
        if (!solverType.equals("heun")) solverType = "midpoint"; // __init__ re-registers logrho, bh1, bh2
        boolean lowerOrderFinal = k.bool("lower_order_final", true);
        boolean karras = k.bool("use_karras_sigmas", false);
        boolean exponential = k.bool("use_exponential_sigmas", false);
        boolean beta = k.bool("use_beta_sigmas", false);
        k.require("use_flow_sigmas", false, "flow sigmas belong to flow-matching models");
        k.requireReal("flow_shift", 1.0, "only used with flow sigmas");
        boolean finalZero = k.choice("final_sigmas_type", "zero", "zero", "sigma_min").equals("zero");
        double lambdaMinClipped = k.real("lambda_min_clipped", Double.NEGATIVE_INFINITY);
        k.requireNull("variance_type", "learned variances need a model that outputs them");
        k.require("use_dynamic_shifting", false, "dynamic shifting belongs to flow-matching models");
        k.choice("time_shift_type", "exponential", "exponential");
        k.finish();
        if ((karras ? 1 : 0) + (exponential ? 1 : 0) + (beta ? 1 : 0) > 1) {
            throw new ReplayException("only one of use_karras_sigmas, use_exponential_sigmas, use_beta_sigmas can be true (diffusers refuses it too)");
        }
        if (order < 1 || order > 3) throw new ReplayException("solver_order = " + order + " is not supported; supported: 1, 2, 3");
        if (algorithm.equals("sde-dpmsolver++")) throw new ReplayException("algorithm_type = 'sde-dpmsolver++' (stochastic singlestep) is not supported");

        int n = Diffusers.inferenceSteps(c);
        int nTrain = ac.length;
        int clipped = clippedCount(ac, lambdaMinClipped);
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) ts[i] = Math.rint(SigmaTable.linspace(0, nTrain - 1 - clipped, n + 1, n - i));
        double[] sig;
        if (karras || exponential || beta) {
            sig = karras ? SigmaTable.karras(n, table.sigmas[0], table.sigmas[nTrain - 1])
                    : exponential ? SigmaTable.exponential(n, table.sigmas[0], table.sigmas[nTrain - 1])
                    : SigmaTable.beta(n, table.sigmas[0], table.sigmas[nTrain - 1]);
            for (int i = 0; i < n; i++) {
                double t = table.sigmaToT(sig[i]);
                ts[i] = (long) (karras ? Math.rint(t) : t);
            }
        } else {
            sig = new double[n];
            for (int i = 0; i < n; i++) sig[i] = table.interp(ts[i]);
        }
        sig = Arrays.copyOf(sig, n + 1);
        sig[n] = finalZero ? 0 : table.sigmas[0];
        // get_order_list; lower_order_final is forced on when n is not a multiple of the order or the last σ is 0
        boolean lof = lowerOrderFinal || n % order != 0 || finalZero;
        int[] orders = orderList(n, order, lof, finalZero);
        java.util.List<Integer> groups = groups(orders);
        if (groups == null) throw new ReplayException("the order list " + Arrays.toString(orders) + " does not form singlestep updates");
        int start = c.procedure().loopStart();
        if (start < 0) throw new ReplayException("loop '" + c.procedure().loop() + "' is not a timesteps[k:] loop");
        int p = groups.stream().mapToInt(Integer::intValue).max().orElse(1);
        String schedule = null;
        for (DpmSolverSinglestep.OrderSchedule candidate : DpmSolverSinglestep.OrderSchedule.values()) {
            int[] g;
            try {
                g = candidate.groupOrders(n, p);
            } catch (RuntimeException e) {
                continue;
            }
            java.util.List<Integer> list = new java.util.ArrayList<>();
            for (int v : g) list.add(v);
            int last = list.get(list.size() - 1);
            if (last > 1 && finalZero) { // the solver splits a group that would land on σ = 0
                list.set(list.size() - 1, last - 1);
                list.add(1);
            }
            if (list.equals(groups)) {
                schedule = candidate.name().toLowerCase(java.util.Locale.ROOT);
                break;
            }
        }
        if (schedule == null) {
            throw new ReplayException("the reference groups its " + n + " steps into singlestep updates " + groups
                    + ", which none of the solver's order schedules (fast, lower_order_final, fixed) gives");
        }
        // from timesteps[k] step() lowers order_list[j] to the model outputs it has: min(order_list[j], j − k + 1),
        // which the solvers' start_step reproduces on the whole grid
        int[] walked = new int[n - start];
        for (int j = start; j < n; j++) walked[j - start] = Math.min(orders[j], j - start + 1);
        String solverId = algorithm.equals("dpmsolver") ? "dpm-solver-singlestep" : "dpmpp-2s"; // order via solver_order
        SolverOptions options = new Diffusers.Options(ctx, solverId)
                .put("solver_order", p)
                .put("order_schedule", schedule)
                .put("solver_type", solverType)
                .putIf(p == 3, "third_order_intermediate", solverType) // diffusers' third-order step predicts with solver_type
                .soft("denoise_to_zero", false)
                .flag("thresholding", thresholding)
                .putIf(thresholding, "dynamic_thresholding_ratio", ratio)
                .putIf(thresholding, "sample_max_value", maxValue)
                .build();
        double[] model = Arrays.copyOf(ts, n + 1);
        Grid grid = Grids.discreteSigmaGrid(s, sig, model);
        Plan plan = Plan.simple(solverId, options, target, grid, Plan.Space.VP, 1.0, ts, sig,
                "DPM-Solver singlestep " + algorithm + " order " + order + " " + n + " steps, groups " + groups
                        + (start > 0 ? ", from timesteps[" + start + "] " + groups(walked) : "")).withStartOption("start_step");
        return SuiteLoop.run(plan, c, ctx);
    }

    /** The singlestep updates of a list of sub-step orders (runs 1, 2, …, g), or null when it has none. */
    static java.util.List<Integer> groups(int[] orders) {
        java.util.List<Integer> groups = new java.util.ArrayList<>();
        for (int o : orders) {
            if (o == 1) groups.add(1);
            else if (!groups.isEmpty() && groups.get(groups.size() - 1) == o - 1) groups.set(groups.size() - 1, o);
            else return null;
        }
        return groups;
    }

    /** DPMSolverSinglestepScheduler.get_order_list. */
    static int[] orderList(int steps, int order, boolean lowerOrderFinal, boolean finalZero) {
        java.util.List<Integer> o = new java.util.ArrayList<>();
        if (lowerOrderFinal) {
            if (order == 3) {
                int reps = steps % 3 == 0 ? steps / 3 - 1 : steps / 3;
                for (int i = 0; i < reps; i++) o.addAll(java.util.List.of(1, 2, 3));
                if (steps % 3 == 0) o.addAll(java.util.List.of(1, 2, 1));
                else if (steps % 3 == 1) o.add(1);
                else o.addAll(java.util.List.of(1, 2));
            } else if (order == 2) {
                int reps = steps % 2 == 0 ? steps / 2 - 1 : steps / 2;
                for (int i = 0; i < reps; i++) o.addAll(java.util.List.of(1, 2));
                if (steps % 2 == 0) o.addAll(java.util.List.of(1, 1));
                else o.add(1);
            } else {
                for (int i = 0; i < steps; i++) o.add(1);
            }
        } else {
            for (int i = 0; i < steps / order; i++) for (int j = 1; j <= order; j++) o.add(j);
        }
        if (finalZero) o.set(o.size() - 1, 1);
        return o.stream().mapToInt(Integer::intValue).toArray();
    }
}
