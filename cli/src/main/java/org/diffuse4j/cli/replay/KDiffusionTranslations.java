package org.diffuse4j.cli.replay;

import java.util.List;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReferenceSetup.StateSpace;

/**
 * k-diffusion's samplers ({@code sample_euler}, {@code sample_heun}, {@code sample_dpm_2}, {@code sample_lms},
 * {@code sample_dpmpp_2m}) on a {@code DiscreteEpsDDPMDenoiser} (quantize=False), with the sigmas of
 * {@code get_sigmas_karras}, {@code get_sigmas_exponential}, {@code get_sigmas_polyexponential} (between the
 * model's sigma_min and sigma_max) or the model's own {@code get_sigmas} ("discrete"). The network receives
 * {@code sigma_to_t(σ)}, unrounded, at every evaluation, including the stages between the sigmas.
 */
final class KDiffusionTranslations {
    private KDiffusionTranslations() {}

    static void register(Translations.Registry r) {
        for (String s : List.of("sample_euler", "sample_heun", "sample_dpm_2", "sample_lms", "sample_dpmpp_2m")) {
            r.add("k-diffusion", s, KDiffusionTranslations::kDiffusion);
        }
    }

    static ReferenceSetup kDiffusion(String sampler, ConfigReader c) {
        c.ignore("sampler");
        String sigmas = c.choice("sigmas", "karras", "karras", "discrete", "exponential", "polyexponential", "vp");
        double[] vp = {c.real("beta_d", 19.9), c.real("beta_min", 0.1), c.real("eps_s", 1e-3)}; // get_sigmas_vp's defaults
        for (String key : List.of("beta_d", "beta_min", "eps_s")) {
            if (!sigmas.equals("vp") && c.has(key)) throw new ReplayException("k-diffusion " + sampler + ": " + key + " applies to vp sigmas, not " + sigmas);
        }
        double rho = c.real("rho", sigmas.equals("polyexponential") ? 1.0 : 7.0);
        if (!sigmas.equals("karras") && !sigmas.equals("polyexponential") && c.has("rho")) {
            throw new ReplayException("k-diffusion " + sampler + ": rho applies to karras and polyexponential sigmas, not " + sigmas);
        }
        for (String churn : List.of("s_churn", "eta")) {
            if (c.real(churn, 0) != 0) throw new ReplayException("k-diffusion " + sampler + ": " + churn + " = " + c.real(churn, 0)
                    + " is not supported (it makes the sampler stochastic; replay runs the ODE samplers)");
        }
        c.ignore("s_tmin", "s_tmax", "s_noise"); // they shape the churn only, which is 0
        String solverId;
        SolverOptions options = SolverOptions.NONE;
        switch (sampler) {
            case "sample_euler" -> solverId = "euler";
            case "sample_heun" -> solverId = "heun";
            case "sample_dpm_2" -> solverId = "dpm2";
            case "sample_lms" -> {
                solverId = "lms";
                int order = c.integer("order", 4);
                if (order < 1 || order > 4) throw new ReplayException("k-diffusion sample_lms: order = " + order + " is not supported; supported: 1 … 4");
                options = options.with("order", Integer.toString(order));
            }
            case "sample_dpmpp_2m" -> {
                solverId = "dpmpp-2m";
                options = options.with("lower_order_final", "false"); // only the σ = 0 step is first order
            }
            default -> throw new IllegalStateException(sampler);
        }
        double r = rho;
        return new ReferenceSetup(solverId, options, Prediction.EPSILON, (schedule, steps) -> {
            DiscreteVpSchedule s = Translations.discrete(schedule);
            double[] sig = sigmas(s, sigmas, steps, r, vp);
            double[] model = new double[sig.length];
            for (int i = 0; i < sig.length; i++) model[i] = sig[i] == 0 ? 0 : s.timestepOfSigmaVe(sig[i]);
            return Grids.discreteSigmaGrid(s, sig, model);
        }, StateSpace.VE, "k-diffusion " + sampler + "(" + sigmas + (c.has("rho") ? ", rho=" + rho : "") + ")");
    }

    /** The n sigmas of the named k-diffusion schedule, then 0 (append_zero); {@code vp} = {beta_d, beta_min, eps_s}. */
    static double[] sigmas(DiscreteVpSchedule s, String kind, int n, double rho, double[] vp) {
        int last = s.trainSteps() - 1;
        double min = s.sigmaVe(0), max = s.sigmaVe(last); // DiscreteSchedule.sigma_min / sigma_max
        double[] sig = new double[n + 1];
        switch (kind) {
            case "karras" -> sig = Grids.karrasSigmas(n, min, max, rho, true); // get_sigmas_karras
            case "exponential" -> { // get_sigmas_exponential: torch.linspace(log σ_max, log σ_min, n).exp()
                for (int i = 0; i < n; i++) sig[i] = Math.exp(Translations.torchLinspace(Math.log(max), Math.log(min), n, i));
            }
            case "polyexponential" -> { // get_sigmas_polyexponential: exp(linspace(1, 0, n)^ρ (log σ_max − log σ_min) + log σ_min)
                for (int i = 0; i < n; i++) {
                    double ramp = Math.pow(Translations.torchLinspace(1, 0, n, i), rho);
                    sig[i] = Math.exp(ramp * (Math.log(max) - Math.log(min)) + Math.log(min));
                }
            }
            case "discrete" -> { // DiscreteSchedule.get_sigmas: t = linspace(N − 1, 0, n), σ = t_to_sigma(t)
                for (int i = 0; i < n; i++) sig[i] = tToSigma(s, Translations.torchLinspace(last, 0, n, i));
            }
            case "vp" -> { // get_sigmas_vp: t = linspace(1, eps_s, n), σ = √(exp(β_d t²/2 + β_min t) − 1) (Song et al. 2021, VP SDE)
                for (int i = 0; i < n; i++) {
                    double t = Translations.torchLinspace(1, vp[2], n, i);
                    sig[i] = Math.sqrt(Math.exp(vp[0] * t * t / 2 + vp[1] * t) - 1);
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        return sig;
    }

    /**
     * DiscreteSchedule.t_to_sigma, which casts t to float32 ({@code t.float()}) before interpolating log σ linearly
     * between the neighbouring timesteps: w = frac(t) and 1 − w are float32 values, the interpolation runs in
     * float64 against the float64 table.
     */
    static double tToSigma(DiscreteVpSchedule s, double t) {
        float tf = (float) t;
        int low = (int) Math.floor(tf), high = (int) Math.ceil(tf);
        float w = tf - (float) Math.floor(tf);
        float oneMinusW = 1f - w;
        return Math.exp(oneMinusW * Math.log(s.sigmaVe(low)) + w * Math.log(s.sigmaVe(high)));
    }
}
