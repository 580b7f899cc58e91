package org.diffuse4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.models.card.ModelCard;
import org.diffuse4j.models.card.ModelCards;
import org.diffuse4j.models.card.ShippedModels;
import org.diffuse4j.models.djl.SavedModelDenoiser;
import org.diffuse4j.runtime.SolverRuntime;

/**
 * Measures a shipped model under the sampling loop (not a test; run it with {@code main}, see docs/models.md):
 * model load time, time per sample, the share of wall time inside the network, and the resident size while
 * drawing batches of samples. Arguments: model name (ring2d-eps), batches (5), batch size (2000), steps (20).
 */
public final class ModelSamplingBenchmark {
    private ModelSamplingBenchmark() {}

    /** Times every call of the wrapped denoiser. */
    static final class Timed implements Denoiser {
        final Denoiser inner;
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong calls = new AtomicLong();

        Timed(Denoiser inner) { this.inner = inner; }

        @Override public Prediction target() { return inner.target(); }

        @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning c) {
            long t0 = System.nanoTime();
            try {
                return inner.predict(x, level, c);
            } finally {
                nanos.addAndGet(System.nanoTime() - t0);
                calls.incrementAndGet();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        String name = args.length > 0 ? args[0] : "ring2d-eps";
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path dir = ShippedModels.resolve(name);
        ModelCard card = ModelCards.read(dir);
        Schedule schedule = card.schedule().build();
        Grid grid = GridSpec.parse("auto", "zero", 0).build(schedule, steps);
        Solver<?> solver = SolverRuntime.create(List.of()).registry().create("dpmpp-2m", SolverConfig.of(grid, card.target()));
        NoiseLevel first = grid.from(0);
        long t0 = System.nanoTime();
        try (SavedModelDenoiser d = SavedModelDenoiser.open(dir)) {
            double load = (System.nanoTime() - t0) / 1e9;
            Timed timed = new Timed(d);
            System.out.printf(Locale.ROOT, "%s: model load %.3f s, resident %d MB%n", name, load, residentMb());
            for (int b = 0; b < batches; b++) {
                timed.nanos.set(0);
                NoiseSource noise = NoiseSource.seeded(b, (long) b * rows);
                Tensor xT = noise.gaussian(rows, 2).scale(Math.hypot(first.alpha(), first.sigma()));
                long s0 = System.nanoTime();
                Sampler.sample(solver, timed, xT, noise);
                double wall = (System.nanoTime() - s0) / 1e9;
                System.out.printf(Locale.ROOT, "batch %d: %d samples × %d steps in %.3f s = %.1f µs per sample; network %.1f %% of wall time;"
                        + " resident %d MB%n", b + 1, rows, steps, wall, wall * 1e6 / rows, 100.0 * timed.nanos.get() / 1e9 / wall, residentMb());
            }
            System.out.printf(Locale.ROOT, "%d network calls, %d NDArrays attached after the run%n", timed.calls.get(), d.attachedArrays());
        }
    }

    static long residentMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
        return -1;
    }
}
