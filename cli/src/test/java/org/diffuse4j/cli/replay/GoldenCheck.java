package org.diffuse4j.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.models.bench.BenchProblems;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays golden files through replay's code path and checks them against the reference: samples within
 * 1e-8 relative (|a − b| / max(|b|, 1e-6), max over all rows of all runs), the same number of model calls,
 * at the same α and σ (1e-10 relative) and the same timestep (1e-6).
 */
final class GoldenCheck {
    static final double TOLERANCE = 1e-8;
    static final Path BENCH = BenchProblems.locate();
    static final BenchProblems PROBLEMS = BenchProblems.load(BENCH.resolve("problems.json"));

    private GoldenCheck() {}

    static Map<String, SolverProvider> providers() {
        Map<String, SolverProvider> m = new HashMap<>();
        ServiceLoader.load(SolverProvider.class).forEach(p -> m.put(p.name(), p));
        return m;
    }

    static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);
    }

    /** One dynamic test per golden file name (in ../shared/bench/golden). */
    static Stream<DynamicTest> files(List<String> files) {
        GoldenReplay replay = new GoldenReplay(PROBLEMS, providers()::get);
        return files.stream().map(f -> DynamicTest.dynamicTest(f, () -> check(replay, f)));
    }

    /** Replays one golden file and asserts it reproduces; returns the worst relative difference. */
    static double check(GoldenReplay replay, String f) {
        JsonNode golden = GoldenReplay.read(BENCH.resolve("golden").resolve(f));
        GoldenReplay.FileResult result = replay.replay(golden);
        JsonNode runs = golden.get("runs");
        assertThat(result.runs()).hasSize(runs.size());
        double worst = 0;
        for (int r = 0; r < runs.size(); r++) {
            JsonNode ref = runs.get(r);
            GoldenReplay.RunResult got = result.runs().get(r);
            String what = f + " run " + r + " (" + ref.get("problem").asText() + ", " + ref.get("schedule").asText()
                    + ", " + ref.get("steps").asInt() + " steps)";
            assertThat(got.error()).as(what).isNull();
            JsonNode calls = ref.get("model_calls");
            assertThat(got.modelCalls()).as(what + " model calls").hasSize(calls.size());
            for (int c = 0; c < calls.size(); c++) {
                NoiseLevel l = got.modelCalls().get(c);
                assertThat(relativeError(l.alpha(), calls.get(c).get(1).asDouble())).as(what + " call " + c + " alpha").isLessThan(1e-10);
                assertThat(relativeError(l.sigma(), calls.get(c).get(2).asDouble())).as(what + " call " + c + " sigma").isLessThan(1e-10);
                assertThat(Math.abs(l.modelTime() - calls.get(c).get(0).asDouble())).as(what + " call " + c + " timestep").isLessThan(1e-6);
            }
            JsonNode samples = ref.get("samples");
            for (int i = 0; i < samples.size(); i++) {
                for (int j = 0; j < samples.get(i).size(); j++) {
                    worst = Math.max(worst, relativeError(got.samples().get(i, j), samples.get(i).get(j).asDouble()));
                }
            }
            assertThat(worst).as(what + " worst relative difference").isLessThan(TOLERANCE);
        }
        System.out.printf("%s: %d runs, worst relative difference %.3e%n", f, runs.size(), worst);
        return worst;
    }
}
