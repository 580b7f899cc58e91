package org.diffuse4j.cli.replay;

/** UniPC and DEIS: the official {@code uni_pc.py}, diffusers' {@code UniPCMultistepScheduler} and {@code DEISMultistepScheduler}. */
final class UniPcTranslations {
    private UniPcTranslations() {}

    static void register(Translations.Registry r) {
        // translations are added here as the UniPC and DEIS solvers arrive
    }
}
