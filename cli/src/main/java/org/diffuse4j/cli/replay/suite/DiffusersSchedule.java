package org.diffuse4j.cli.replay.suite;

import org.diffuse4j.cli.replay.ConfigReader;

import com.fasterxml.jackson.databind.JsonNode;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * The training schedule of a diffusers scheduler, from its configuration: {@code trained_betas}, or
 * {@code beta_schedule} linear / scaled_linear / squaredcos_cap_v2 over {@code num_train_timesteps}, optionally
 * rescaled to zero terminal SNR. The float64 reference computes everything in double, as here.
 */
final class DiffusersSchedule {
    private DiffusersSchedule() {}

    /** How a scheduler stores ᾱ of the last timestep after zero-terminal-SNR rescaling. */
    enum ZeroSnrEnd {
        /** ᾱ_{N−1} = 0 exactly (DDIM, DDPM, LCM, …). */
        ZERO,
        /** ᾱ_{N−1} = 2⁻²⁴ (the σ-schedulers, so that σ stays finite). */
        TWO_POW_MINUS_24
    }

    /** Reads the beta keys and {@code rescale_betas_zero_snr} (when {@code zeroSnr} is not null) and builds ᾱ. */
    static DiscreteVpSchedule read(ConfigReader c, ZeroSnrEnd zeroSnr) {
        return DiscreteVpSchedule.fromAlphasCumprod(alphasCumprod(c, zeroSnr));
    }

    /**
     * The schedule that carries a grid's levels for the table ᾱ: the table itself or, when the σ-schedulers' 2⁻²⁴ end
     * lies above ᾱ of the timestep before it (rescale_betas_zero_snr on linear betas: ᾱ₉₉₈ = 4.2e-9 at 1 000 steps),
     * the same table ending at the exact ᾱ = 0 it stands for. The levels keep the table's own σ's and timesteps
     * ({@link SigmaTable} reads the table as diffusers does); the carrier gives them their continuous time only.
     */
    static DiscreteVpSchedule carrier(double[] ac) {
        int last = ac.length - 1;
        if (last < 1 || ac[last] < ac[last - 1]) return DiscreteVpSchedule.fromAlphasCumprod(ac);
        double[] exact = ac.clone();
        exact[last] = 0;
        return DiscreteVpSchedule.fromAlphasCumprod(exact);
    }

    /** The ᾱ table. */
    static double[] alphasCumprod(ConfigReader c, ZeroSnrEnd zeroSnr) {
        int n = c.integer("num_train_timesteps", 1000);
        double start = c.real("beta_start", 0.0001), end = c.real("beta_end", 0.02);
        String kind = c.string("beta_schedule", "linear");
        JsonNode trained = c.json("trained_betas");
        double[] betas;
        if (trained != null) {
            betas = new double[trained.size()];
            for (int i = 0; i < betas.length; i++) betas[i] = trained.get(i).asDouble();
        } else {
            betas = switch (kind) {
                case "linear" -> Betas.linear(start, end, n);
                case "scaled_linear" -> Betas.scaledLinear(start, end, n);
                case "squaredcos_cap_v2" -> Betas.squaredCosCapV2(n);
                default -> throw new ReplayException("beta_schedule = '" + kind + "' is not supported; supported: linear, scaled_linear, squaredcos_cap_v2");
            };
        }
        boolean rescale = zeroSnr != null && c.bool("rescale_betas_zero_snr", false);
        if (!rescale) return Betas.alphasCumprod(betas);
        double[] r = Betas.rescaleZeroTerminalSnr(betas);
        double[] ac = new double[r.length];
        double p = 1;
        for (int k = 0; k < r.length; k++) {
            p *= 1 - r[k];
            ac[k] = p;
        }
        ac[r.length - 1] = zeroSnr == ZeroSnrEnd.ZERO ? 0 : Math.pow(2, -24);
        return ac;
    }
}
