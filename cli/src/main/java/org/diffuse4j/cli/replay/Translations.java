package org.diffuse4j.cli.replay;

import java.util.Map;
import java.util.TreeMap;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;

/**
 * The table of reference configurations replay can build, one translation per (library, sampler), and
 * helpers shared by the translations. Each library family registers itself from its own class.
 */
final class Translations {
    private Translations() {}

    /** Turns one sampler's configuration (in its library's vocabulary) into a {@link ReferenceSetup}. */
    @FunctionalInterface
    interface Translation {
        ReferenceSetup translate(String sampler, ConfigReader config);
    }

    /** Collects translations by library and sampler name. */
    static final class Registry {
        private final Map<String, Map<String, Translation>> byLibrary = new TreeMap<>();

        void add(String library, String sampler, Translation t) {
            if (byLibrary.computeIfAbsent(library, k -> new TreeMap<>()).put(sampler, t) != null) {
                throw new IllegalStateException("two translations for " + library + " " + sampler);
            }
        }

        Translation find(String library, String sampler) {
            Map<String, Translation> samplers = byLibrary.get(library);
            if (samplers == null) {
                throw new ReplayException("library '" + library + "' is not supported; supported: " + String.join(", ", byLibrary.keySet()));
            }
            Translation t = samplers.get(sampler);
            if (t == null) {
                throw new ReplayException(library + " " + sampler + " is not supported yet; supported: " + String.join(", ", samplers.keySet()));
            }
            return t;
        }
    }

    /** Every translation replay knows. */
    static Registry all() {
        Registry r = new Registry();
        DiffusersDdimTranslations.register(r);
        DiffusersClassicTranslations.register(r);
        DiffusersDpmSolverTranslations.register(r);
        DpmSolverOfficialTranslations.register(r);
        KDiffusionTranslations.register(r);
        UniPcTranslations.register(r);
        return r;
    }

    static Prediction diffusersPrediction(ConfigReader c) {
        return Prediction.parse(c.choice("prediction_type", "epsilon", "epsilon", "sample", "v_prediction"));
    }

    static DiscreteVpSchedule discrete(Schedule schedule) {
        if (schedule instanceof DiscreteVpSchedule d) return d;
        throw new ReplayException("this reference configuration needs a discrete VP schedule, got " + schedule);
    }

    /** The schedule with its betas rescaled to zero terminal SNR (diffusers {@code rescale_betas_zero_snr}). */
    static DiscreteVpSchedule rescaledZeroTerminalSnr(DiscreteVpSchedule s) {
        double[] ac = s.alphasCumprod();
        double[] betas = new double[ac.length];
        double prev = 1;
        for (int k = 0; k < ac.length; k++) {
            betas[k] = 1 - ac[k] / prev;
            prev = ac[k];
        }
        double[] rescaled = org.diffuse4j.api.schedule.Betas.rescaleZeroTerminalSnr(betas);
        double[] out = new double[ac.length];
        double p = 1;
        for (int k = 0; k < ac.length; k++) {
            p *= 1 - rescaled[k];
            out[k] = p;
        }
        out[ac.length - 1] = 0; // exactly zero SNR at the end, as the rescaling intends
        return DiscreteVpSchedule.fromAlphasCumprod(out);
    }

    /** torch.linspace(start, end, n)[i]: from the start in the first half, from the end in the second. */
    static double torchLinspace(double start, double end, int n, int i) {
        if (n == 1) return start;
        double step = (end - start) / (n - 1);
        return i < n / 2 ? start + i * step : end - (n - 1 - i) * step;
    }
}
