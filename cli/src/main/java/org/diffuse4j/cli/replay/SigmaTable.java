package org.diffuse4j.cli.replay;

import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * The σ/α table a diffusers σ-space scheduler reads in {@code set_timesteps}: its entries, numpy {@code interp}
 * at fractional timesteps, {@code _sigma_to_t}, and the levels of a grid at chosen σ/α. Usually a discrete
 * schedule's own; with {@code rescale_betas_zero_snr} the zero-terminal-SNR table (Lin et al. 2024,
 * arXiv:2305.08891, Algorithm 1) with ᾱ of the last timestep set to 2⁻²⁴ so that its σ/α stays finite, as Euler and
 * the DPM-Solver schedulers do. That table need not decrease at its end (on ddpm-linear ᾱ of timestep 998 is already
 * 4.2e-9 < 2⁻²⁴), so it is read as the plain table diffusers reads, with diffusers' own search rules.
 */
abstract class SigmaTable {
    private static final double LAST_ALPHA_CUMPROD = 0x1p-24;

    abstract int trainSteps();

    /** ᾱ of integer timestep k. */
    abstract double alphaCumprod(int k);

    /** σ/α of integer timestep k: √((1 − ᾱ_k)/ᾱ_k). */
    abstract double sigmaVe(int k);

    /** σ/α at a fractional timestep, linear in σ/α (numpy {@code interp}). */
    abstract double sigmaVeAt(double k);

    /** diffusers' {@code _sigma_to_t}: the last entry at or below σ, then linear in log σ/α, clipped. */
    abstract double timestepOfSigmaVe(double s);

    /** The levels at σ/α {@code sigmas}, handing the model {@code modelTimes}. */
    abstract Grid grid(double[] sigmas, double[] modelTimes);

    /** The table of a discrete schedule. */
    static SigmaTable of(DiscreteVpSchedule s) {
        return new SigmaTable() {
            @Override int trainSteps() { return s.trainSteps(); }

            @Override double alphaCumprod(int k) { return s.alphaCumprod(k); }

            @Override double sigmaVe(int k) { return s.sigmaVe(k); }

            @Override double sigmaVeAt(double k) { return s.sigmaVeAt(k); }

            @Override double timestepOfSigmaVe(double sigma) { return s.timestepOfSigmaVe(sigma); }

            @Override Grid grid(double[] sigmas, double[] modelTimes) { return Grids.discreteSigmaGrid(s, sigmas, modelTimes); }
        };
    }

    /** diffusers' {@code rescale_betas_zero_snr} table of {@code base}, ᾱ of the last timestep 2⁻²⁴. */
    static SigmaTable zeroTerminalSnr(DiscreteVpSchedule base) {
        DiscreteVpSchedule z = Translations.rescaledZeroTerminalSnr(base);
        int n = z.trainSteps();
        double[] ac = z.alphasCumprod();
        ac[n - 1] = LAST_ALPHA_CUMPROD;
        org.diffuse4j.cli.replay.suite.SigmaTable table = new org.diffuse4j.cli.replay.suite.SigmaTable(ac); // read as diffusers reads it
        return new SigmaTable() {
            @Override int trainSteps() { return n; }

            @Override double alphaCumprod(int k) { return ac[k]; }

            @Override double sigmaVe(int k) { return table.sigma(k); }

            @Override double sigmaVeAt(double k) { return table.interp(k); }

            @Override double timestepOfSigmaVe(double s) { return table.sigmaToT(s); }

            /** Levels at the given σ/α, at the continuous time of the timestep each hands the model. */
            @Override Grid grid(double[] sigmas, double[] modelTimes) {
                List<NoiseLevel> levels = new ArrayList<>(sigmas.length);
                for (int i = 0; i < sigmas.length; i++) {
                    double t = sigmas[i] == 0 ? 0 : z.tOfTimestep(modelTimes[i]);
                    levels.add(NoiseLevel.ofSigmaVe(t, sigmas[i], modelTimes[i]));
                }
                return Grid.of(z, levels);
            }
        };
    }
}
