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
 * diffusers' {@code ScoreSdeVeScheduler} ({@code pc}: reverse-diffusion predictor, Langevin corrector with batch-mean
 * norms, no noise removal): the model's output is the score.
 */
final class ScoreSdeFamily {
    private ScoreSdeFamily() {}

    static void register(SuiteTranslations.Registry r) {
        r.add("ScoreSdeVeScheduler", ScoreSdeFamily::scoreSdeVe);
    }

    /**
     * The test's loop after set_sigmas(m) and set_timesteps(n): for each t_i of torch.linspace(1, ε, n) (i &lt; n), the
     * model gets σ_i = scheduler.sigmas[i] — computed by the constructor from its own N training timesteps, because
     * set_sigmas keeps existing timesteps — then correct_steps corrector steps and one predictor step between the
     * discrete σ's exp(torch.linspace(log σ_min, log σ_max, m))[k] and [k − 1] (0 below index 0), k = ⌊t_i·(n − 1)⌋.
     */
    private static Tensor scoreSdeVe(SuiteCase c, SuiteContext ctx) {
        Diffusers.stepArgs(c);
        ConfigReader k = new ConfigReader(c.schedulerClass(), c.config());
        int nTrain = k.integer("num_train_timesteps", 2000);
        double snr = k.real("snr", 0.15), sigmaMin = k.real("sigma_min", 0.01), sigmaMax = k.real("sigma_max", 1348.0);
        double eps = k.real("sampling_eps", 1e-5);
        int correctSteps = k.integer("correct_steps", 1);
        k.finish();
        List<SuiteCase.Call> calls = c.setTimesteps();
        if (calls.size() != 2 || !calls.get(0).method().equals("set_sigmas") || !calls.get(1).method().equals("set_timesteps")) {
            throw new ReplayException("only the test's set_sigmas(m) then set_timesteps(n) is reproduced");
        }
        int m = positionalOnly(calls.get(0)), n = positionalOnly(calls.get(1));
        double[] constructorT = new double[nTrain];
        double[] constructorSigmas = new double[nTrain];
        for (int i = 0; i < nTrain; i++) {
            constructorT[i] = EdmFamily.torchLinspace(1, eps, nTrain, i);
            constructorSigmas[i] = sigmaMin * Math.pow(sigmaMax / sigmaMin, constructorT[i]);
        }
        double[] discrete = new double[m];
        for (int i = 0; i < m; i++) discrete[i] = Math.exp(EdmFamily.torchLinspace(Math.log(sigmaMin), Math.log(sigmaMax), m, i));
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) ts[i] = EdmFamily.torchLinspace(1, eps, n, i);
        if (n > nTrain) throw new ReplayException("set_timesteps(" + n + ") beyond the " + nTrain + " constructor sigmas the model receives");

        VeSchedule ve = new VeSchedule(Math.min(sigmaMin, discrete[0]), Math.max(sigmaMax, discrete[m - 1]) * (1 + 1e-12));
        List<NoiseLevel> levels = new ArrayList<>();
        List<NoiseLevel> landings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = (int) (ts[i] * (n - 1)); // .long() truncates
            if (index < 0 || index >= m) throw new ReplayException("step_pred index " + index + " outside the " + m + " discrete sigmas");
            levels.add(level(ve, discrete[index], constructorSigmas[i]));
            landings.add(index == 0 ? NoiseLevel.clean(0, 0) : level(ve, discrete[index - 1], 0));
        }
        List<NoiseLevel> all = new ArrayList<>(levels);
        all.add(landings.get(n - 1));
        Grid grid = Grid.of(ve, all);
        for (int i = 0; i + 1 < n; i++) {
            if (landings.get(i).sigma() != levels.get(i + 1).sigma()) {
                grid = grid.withLandings(landings);
                break;
            }
        }
        checkMethods(c, n, correctSteps);
        SolverOptions options = new Diffusers.Options(ctx, "pc")
                .put("predictor", "reverse_diffusion")
                .put("corrector", "langevin")
                .put("snr", snr)
                .put("n_steps", correctSteps)
                .put("noise_removal", false)
                .put("langevin_norm", "batch")
                .build();
        Plan plan = Plan.simple("pc", options, Prediction.SCORE, grid, Plan.Space.VE, sigmaMax, ts, constructorSigmas,
                "score SDE VE predictor-corrector " + n + " levels");
        return SuiteLoop.run(plan, c, ctx, 0);
    }

    private static NoiseLevel level(VeSchedule ve, double sigma, double modelTime) {
        double t = Math.log(sigma / ve.sigmaMin()) / Math.log(ve.sigmaMax() / ve.sigmaMin());
        return new NoiseLevel(t, 1, sigma, 0, ve.dSigma(t), modelTime);
    }

    private static int positionalOnly(SuiteCase.Call call) {
        if (call.kwargs() != null && call.kwargs().size() > 0) {
            throw new ReplayException(call.method() + " with keyword arguments " + call.kwargs() + " is not supported");
        }
        if (call.args() == null || call.args().size() != 1 || !call.args().get(0).canConvertToInt()) {
            throw new ReplayException(call.method() + call.args() + ": only a single step count is supported");
        }
        return call.args().get(0).asInt();
    }

    private static void checkMethods(SuiteCase c, int n, int correctSteps) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < correctSteps; j++) expected.add("step_correct");
            expected.add("step_pred");
        }
        if (!c.procedure().stepMethods().equals(expected)) {
            throw new ReplayException("step methods " + c.procedure().stepMethods() + " are not the corrector/predictor loop");
        }
        if (!c.procedure().xInit().equals("D")) throw new ReplayException("x_init '" + c.procedure().xInit() + "'");
    }

}
