package org.diffuse4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.diffuse4j.cli.replay.GoldenReplay;
import org.diffuse4j.cli.replay.suite.SuiteReplay;
import org.diffuse4j.models.bench.BenchProblems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Replays a reference output file (golden or diffusers suite) and writes the replay contract's JSON. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild a reference configuration (../shared/bench/golden/*.json or diffusers-suite/cases.json), run it and write the results.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Parameters(paramLabel = "FILE", description = "A golden file or diffusers-suite/cases.json.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "RESULT.json", description = "Where to write the results.")
    Path out;

    @Option(names = "--bench", paramLabel = "DIR", description = "Directory of problems.json (default: FILE's ../problems.json, then ../shared/bench).")
    String bench;

    @Override public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("FILE: " + file + " does not exist");
        JsonNode input = GoldenReplay.read(file);
        if (input.has("cases")) return suite(input);
        if (!input.has("runs")) throw new IllegalArgumentException("FILE: " + file + " has neither 'runs' (golden) nor 'cases' (suite)");
        BenchProblems problems = BenchProblems.load(problemsFile());
        GoldenReplay replay = new GoldenReplay(problems, id -> main.runtime().registry().provider(id));
        GoldenReplay.FileResult result = replay.replay(input);
        GoldenReplay.write(GoldenReplay.toJson(result), out);
        System.out.printf("%s: %s — %d runs, %d failed → %s%n", file.getFileName(), result.setup(), result.runs().size(),
                result.failures(), out);
        result.runs().stream().filter(r -> !r.ok()).limit(5).forEach(r ->
                System.out.printf("  %s/%s/%d: %s%n", r.problem(), r.schedule(), r.steps(), r.error()));
        return result.failures() == 0 ? 0 : 1;
    }

    private Path problemsFile() {
        Path beside = file.toAbsolutePath().getParent().resolveSibling(BenchProblems.FILE_NAME);
        if (bench == null && Files.isRegularFile(beside)) return beside;
        return BenchProblems.locate(bench, Path.of("").toAbsolutePath()).resolve(BenchProblems.FILE_NAME);
    }

    /** The diffusers suite: every case is rebuilt with the tests' dummy model and reported as its sample or an error. */
    private int suite(JsonNode input) throws Exception {
        SuiteReplay replay = new SuiteReplay(id -> main.runtime().registry().provider(id),
                file.toAbsolutePath().getParent());
        List<SuiteReplay.CaseResult> results = replay.replay(input);
        GoldenReplay.write(SuiteReplay.toJson(results), out);
        long failed = results.stream().filter(r -> !r.ok()).count();
        System.out.printf("%s: %d cases, %d replayed, %d failed → %s%n", file.getFileName(), results.size(),
                results.size() - failed, failed, out);
        results.stream().filter(r -> !r.ok()).limit(5).forEach(r -> System.out.printf("  %s: %s%n", r.id(), r.error()));
        return failed == 0 ? 0 : 1;
    }
}
