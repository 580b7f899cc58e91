package org.diffuse4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.models.djl.TensorFlowEngine;

/**
 * Start-up to first sample: milliseconds from launching {@code java} to the JVM's start, to {@code main}, to the
 * TensorFlow engine (extracting its natives into the engine cache when it is cold), to the loaded shipped model
 * and to one sample (dpmpp-2m, 20 steps, the CLI's default grid). The launch instant comes from the system
 * property {@code launch.nanos} (epoch nanoseconds, e.g. {@code -Dlaunch.nanos=$(date +%s%N)}); without it
 * times count from the JVM's recorded start. Argument: the shipped model (ring2d-eps). {@code benchmarks/startup.sh}
 * runs it with a cold and a warm cache.
 */
public final class FirstSample {
    private FirstSample() {}

    public static void main(String[] args) {
        long mainNanos = epochNanos();
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        String name = args.length > 0 ? args[0] : "ring2d-eps";
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L;
        String given = System.getProperty("launch.nanos");
        long launch = given == null ? jvmStart : Long.parseLong(given.trim());

        TensorFlowEngine.get();
        long engine = epochNanos();
        Path dir = ShippedModels.resolve(name);
        ModelCard card = ModelCards.read(dir);
        Grid grid = NetworkSamplingBenchmark.defaultGrid(card.schedule().build(), NetworkSamplingBenchmark.STEPS);
        Solver<?> solver = NetworkSamplingBenchmark.provider("dpmpp-2m").create(SolverConfig.of(grid, card.target()));
        try (SavedModelDenoiser denoiser = SavedModelDenoiser.open(dir)) {
            long loaded = epochNanos();
            NoiseLevel first = grid.from(0);
            int[] shape = new int[card.shape().length + 1];
            shape[0] = 1;
            System.arraycopy(card.shape(), 0, shape, 1, card.shape().length);
            NoiseSource noise = NoiseSource.seeded(42);
            Tensor xT = noise.gaussian(shape).scale(Math.hypot(first.alpha(), first.sigma()));
            Tensor x0 = Sampler.sample(solver, denoiser, xT, noise).samples();
            long sampled = epochNanos();
            System.out.printf(Locale.ROOT, "first-sample model=%s jvm_ms=%.0f main_ms=%.0f engine_ms=%.0f model_ms=%.0f sample_ms=%.0f"
                            + " (engine cache %s; sample %s)%n", name, ms(jvmStart - launch), ms(mainNanos - launch), ms(engine - launch),
                    ms(loaded - launch), ms(sampled - launch), engineCache(), java.util.Arrays.toString(x0.toArray()));
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static double ms(long nanos) { return nanos / 1e6; }

    /** Where DJL keeps the extracted natives: ENGINE_CACHE_DIR, else DJL_CACHE_DIR, else ~/.djl.ai. */
    private static String engineCache() {
        for (String key : new String[] {"ENGINE_CACHE_DIR", "DJL_CACHE_DIR"}) {
            String v = System.getProperty(key, System.getenv(key));
            if (v != null && !v.isEmpty()) return key + "=" + v;
        }
        return System.getProperty("user.home") + "/.djl.ai";
    }
}
