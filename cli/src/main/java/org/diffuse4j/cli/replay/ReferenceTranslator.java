package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Translates a reference library's sampler configuration, in that library's own vocabulary, into a
 * {@link ReferenceSetup}: diffusers scheduler classes with their config, the official DPM-Solver's and
 * UniPC's {@code sample()} arguments, and k-diffusion sampler functions with their sigmas. Anything it
 * cannot reproduce exactly is refused with a {@link ReplayException} naming the key and value.
 */
public final class ReferenceTranslator {
    private static final Translations.Registry REGISTRY = Translations.all();

    private ReferenceTranslator() {}

    /** Translates {@code config} of {@code sampler} from {@code library}. */
    public static ReferenceSetup translate(String library, String sampler, JsonNode config) {
        return translate(library, sampler, new ConfigReader(library + " " + sampler, config));
    }

    static ReferenceSetup translate(String library, String sampler, ConfigReader c) {
        Translations.Translation t = REGISTRY.find(library, sampler);
        if (library.equals("diffusers")) {
            // the betas come from the problem's schedule (trained_betas); these keys only describe them
            c.ignore("num_train_timesteps", "beta_start", "beta_end", "trained_betas");
            c.string("beta_schedule", "linear");
            // rescale_betas_zero_snr is read by the translations that support it; elsewhere finish() refuses it by name
        }
        ReferenceSetup setup = t.translate(sampler, c);
        c.finish();
        return setup;
    }
}
