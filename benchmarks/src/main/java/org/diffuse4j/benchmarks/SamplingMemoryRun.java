package org.diffuse4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Resident memory while drawing samples from a shipped model (dpmpp-2m, 20 steps, one network call per step):
 * prints the resident size (VmRSS of /proc/self/status) and the NDArrays still attached to the model after every
 * {@code every} samples, then the spread after the first checkpoint. Arguments: model (ring2d-eps), samples
 * (10 000), rows per sampling run (1: 20 network calls per sample), checkpoint interval (1000). Run it with a
 * fixed, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}) so the heap's growth does not show
 * as resident memory.
 */
public final class SamplingMemoryRun {
    private SamplingMemoryRun() {}

    public static void main(String[] args) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        String name = args.length > 0 ? args[0] : "ring2d-eps";
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int every = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        if (total < 1 || rows < 1 || every < rows || every % rows != 0) {
            throw new IllegalArgumentException("need samples ≥ 1, rows ≥ 1 and a checkpoint interval that is a multiple of rows;"
                    + " got " + total + ", " + rows + ", " + every);
        }
        Path dir = ShippedModels.resolve(name);
        ModelCard card = ModelCards.read(dir);
        Grid grid = NetworkSamplingBenchmark.defaultGrid(card.schedule().build(), NetworkSamplingBenchmark.STEPS);
        Solver<?> solver = NetworkSamplingBenchmark.provider("dpmpp-2m").create(SolverConfig.of(grid, card.target()));
        NoiseLevel first = grid.from(0);
        int[] shape = new int[card.shape().length + 1];
        shape[0] = rows;
        System.arraycopy(card.shape(), 0, shape, 1, card.shape().length);
        System.out.printf(Locale.ROOT, "%s: %d samples in runs of %d rows, dpmpp-2m %d steps; max heap %d MB; before loading: resident %d MB%n",
                name, total, rows, NetworkSamplingBenchmark.STEPS, Runtime.getRuntime().maxMemory() >> 20, residentMb());
        try (SavedModelDenoiser denoiser = SavedModelDenoiser.open(dir)) {
            System.out.printf(Locale.ROOT, "model loaded: resident %d MB%n", residentMb());
            long minRss = Long.MAX_VALUE;
            long maxRss = 0;
            long firstRss = -1;
            long t0 = System.nanoTime();
            double sink = 0;
            for (int done = 0; done < total; ) {
                NoiseSource noise = NoiseSource.seeded(7, done);
                Tensor xT = noise.gaussian(shape).scale(Math.hypot(first.alpha(), first.sigma()));
                sink += Sampler.sample(solver, denoiser, xT, noise).samples().get(0);
                done += rows;
                if (done % every == 0 || done >= total) {
                    long rss = residentMb();
                    if (firstRss < 0) firstRss = rss;
                    minRss = Math.min(minRss, rss);
                    maxRss = Math.max(maxRss, rss);
                    System.out.printf(Locale.ROOT, "%6d samples, %7d network calls, %6.1f s: resident %d MB, NDArrays attached %d%n", done,
                            denoiser.networkCalls(), (System.nanoTime() - t0) / 1e9, rss, denoiser.attachedArrays());
                }
            }
            System.out.printf(Locale.ROOT, "resident from the first checkpoint on: %d … %d MB (spread %d MB; first %d MB)  [checksum %.3f]%n",
                    minRss, maxRss, maxRss - minRss, firstRss, sink);
        }
    }

    static long residentMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
        return -1;
    }
}
