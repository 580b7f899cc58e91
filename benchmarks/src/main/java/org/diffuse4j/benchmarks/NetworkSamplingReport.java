package org.diffuse4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link NetworkSamplingBenchmark} and prints one Markdown row per model and batch size: time per run and
 * per sample, TensorFlow's time per call within the runs and per bare (replayed) forward, and the shares of the
 * runs' wall time spent inside TensorFlow and inside the denoiser (sums over the same calls).
 * Arguments are JMH's own ({@code -p batch=2000 -wi 3 -i 5 -f 1 …}); the load average is printed before and after.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.diffuse4j.benchmarks.NetworkSamplingReport [JMH options]</pre>
 */
public final class NetworkSamplingReport {
    private NetworkSamplingReport() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(NetworkSamplingBenchmark.class.getName() + "\\.").build();
        String loadBefore = loadAverage();
        Collection<RunResult> results = new Runner(options).run();
        String loadAfter = loadAverage();

        Map<String, Map<String, RunResult>> byCase = new TreeMap<>();   // "model batch" → benchmark method → result
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String key = r.getParams().getParam("model") + " " + String.format(Locale.ROOT, "%06d", Integer.parseInt(r.getParams().getParam("batch")));
            byCase.computeIfAbsent(key, k -> new TreeMap<>()).put(method, r);
        }
        System.out.println();
        System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
        System.out.println();
        System.out.println("| model | batch | one run (20 steps) | per sample | TensorFlow per call (in the run) | bare forward (replayed) "
                + "| share in TensorFlow | share in the denoiser |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Map.Entry<String, Map<String, RunResult>> e : byCase.entrySet()) {
            String[] key = e.getKey().split(" ");
            RunResult sample = e.getValue().get("sample");
            RunResult forward = e.getValue().get("forward");
            StringBuilder row = new StringBuilder("| " + key[0] + " | " + Integer.parseInt(key[1]) + " | ");
            if (sample != null) {
                var aux = sample.getSecondaryResults();
                double wall = aux.get("sampleMs").getScore();
                double network = aux.get("networkMs").getScore();
                double calls = aux.get("networkCalls").getScore();
                row.append(ms(sample.getPrimaryResult())).append(" | ").append(us(aux.get("perSample"))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f ms", network / calls)).append(" | ");
                row.append(forward == null ? "—" : ms(forward.getPrimaryResult())).append(" | ");
                row.append(String.format(Locale.ROOT, "%.2f %% | %.2f %%", 100 * network / wall, 100 * aux.get("denoiserMs").getScore() / wall));
            } else {
                row.append("— | — | — | ").append(forward == null ? "—" : ms(forward.getPrimaryResult())).append(" | — | —");
            }
            System.out.println(row.append(" |"));
        }
    }

    private static String ms(Result<?> r) {
        return format("%.3f", r.getScore(), r.getScoreError(), " ms");
    }

    private static String us(Result<?> r) {
        return format("%.1f", 1000 * r.getScore(), 1000 * r.getScoreError(), " µs");
    }

    /** Score ± JMH's 99.9 % half-width (absent with a single iteration). */
    private static String format(String f, double score, double error, String unit) {
        String s = String.format(Locale.ROOT, f, score);
        return Double.isNaN(error) ? s + unit : s + " ± " + String.format(Locale.ROOT, f, error) + unit;
    }

    private static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        if (!Files.isReadable(p)) return "n/a";
        String[] f = Files.readString(p).trim().split("\\s+");
        return f[0] + ", " + f[1] + ", " + f[2];
    }
}
