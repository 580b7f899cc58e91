package org.diffuse4j.cli.replay;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.grid.TimestepSpacing;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;

/** The official DPM-Solver ({@code dpm_solver_pytorch.py}): {@code DPM_Solver.sample}. */
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
        c.requireNull("t_start");
        c.requireNull("t_end");
        Prediction target = switch (c.choice("prediction_type", "noise", "noise", "sample", "x_start", "v", "score")) {
            case "noise" -> Prediction.EPSILON;
            case "sample", "x_start" -> Prediction.DATA;
            case "v" -> Prediction.V;
            default -> Prediction.SCORE;
        };
        c.finish();
        String solverId;
        SolverOptions options = SolverOptions.NONE;
        if (method.equals("adaptive")) {
            throw new ReplayException("dpm-solver: method = adaptive is not supported yet (adaptive DPM-Solver-12/23 arrives with the ODE family)");
        }
        if (order == 1) {
            solverId = "ddim"; // DPM-Solver-1 ≡ DDIM in either parameterisation (Lu et al. 2022, Eq. (3.7))
        } else if (method.equals("multistep") && order == 2 && algorithm.equals("dpmsolver++")) {
            solverId = "dpmpp-2m";
            options = options.with("solver_order", "2")
                    .with("solver_type", solverType.equals("dpmsolver") ? "midpoint" : "heun")
                    .with("lower_order_final", Boolean.toString(lowerOrderFinal))
                    .with("lower_order_final_below", "10")
                    .with("denoise_to_zero", Boolean.toString(denoiseToZero));
        } else {
            throw new ReplayException("dpm-solver: " + method + " order " + order + " with algorithm_type " + algorithm
                    + " is not supported yet; supported: order 1 (any method), multistep order 2 with dpmsolver++");
        }
        return new ReferenceSetup(solverId, options, target, (schedule, steps) -> {
            // NoiseScheduleVP('discrete') clips λ below −5.1; t runs from T = 1 to 1/N
            DiscreteVpSchedule s = Translations.discrete(schedule).clipLambdaBelow(-5.1);
            double tT = 1.0, t0 = 1.0 / s.trainSteps();
            Grid g = switch (skip) {
                case "logSNR" -> Grids.uniformLambda(s, steps, tT, t0);
                case "time_uniform" -> Grids.uniformTime(s, steps, tT, t0);
                default -> Grids.timeQuadratic(s, steps, tT, t0);
            };
            if (!denoiseToZero) return g;
            List<NoiseLevel> levels = new ArrayList<>(g.levels());
            levels.add(NoiseLevel.clean(0, s.modelTime(0)));
            return Grid.of(s, levels);
        }, StateSpace.VP, "DPM_Solver.sample(" + algorithm + ", " + method + ", order " + order + ", " + skip
                + (denoiseToZero ? ", denoise_to_zero" : "") + ")");
    }
}
