package org.diffuse4j.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.diffuse4j.api.Grid;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingOptions;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.analytic.GaussianMixtureDenoiser;
import org.diffuse4j.models.bench.BenchProblems;

/**
 * Replays a golden file of ../shared/bench/golden: rebuilds the reference configuration with diffuse4j's
 * schedules, grids and solvers, runs every (problem, schedule, steps) from the same x_T rows with the
 * exact mixture denoiser, and reports samples and the noise level of every model call.
 */
public final class GoldenReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One replayed run: its samples and model calls, or the reason it could not be built. */
    public record RunResult(String problem, String schedule, int steps, Tensor samples, List<NoiseLevel> modelCalls,
                            String error) {
        public boolean ok() { return error == null; }
    }

    /** A replayed file: the translated setup description (or the translation error) and every run. */
    public record FileResult(String label, String setup, List<RunResult> runs) {
        public long failures() { return runs.stream().filter(r -> !r.ok()).count(); }
    }

    private final BenchProblems problems;
    private final Function<String, SolverProvider> solvers;

    /** @param solvers resolves a solver id to its provider (the runtime registry in the CLI) */
    public GoldenReplay(BenchProblems problems, Function<String, SolverProvider> solvers) {
        this.problems = problems;
        this.solvers = solvers;
    }

    /** Reads a golden file. */
    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReplayException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Replays every run of a parsed golden file. */
    public FileResult replay(JsonNode golden) {
        String library = golden.path("library").asText();
        String sampler = golden.path("sampler").asText();
        String label = golden.path("label").asText(library + " " + sampler);
        ReferenceSetup setup = null;
        String setupError = null;
        try {
            setup = ReferenceTranslator.translate(library, sampler, golden.get("config"));
        } catch (RuntimeException e) {
            setupError = e.getMessage();
        }
        List<RunResult> runs = new ArrayList<>();
        for (JsonNode run : golden.path("runs")) {
            String problem = run.path("problem").asText();
            String schedule = run.path("schedule").asText();
            int steps = run.path("steps").asInt();
            if (setup == null) {
                runs.add(new RunResult(problem, schedule, steps, null, List.of(), setupError));
                continue;
            }
            try {
                runs.add(run(setup, problem, schedule, steps));
            } catch (RuntimeException e) {
                runs.add(new RunResult(problem, schedule, steps, null, List.of(),
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return new FileResult(label, setup == null ? "error: " + setupError : setup.description(), runs);
    }

    /** Runs one configuration on one problem and schedule. */
    public RunResult run(ReferenceSetup setup, String problem, String scheduleName, int steps) {
        Schedule schedule = problems.schedule(scheduleName);
        Grid grid = setup.grid().build(schedule, steps);
        SolverProvider provider = solvers.apply(setup.solverId());
        Solver<?> solver = provider.create(new SolverConfig(grid, setup.modelTarget(), setup.options()));
        GaussianMixtureDenoiser denoiser = new GaussianMixtureDenoiser(problems.mixture(problem), setup.modelTarget());
        Tensor xT = problems.xT(problem); // the VP state at the grid's first level (bench README, initial_state)
        SamplingResult result = Sampler.sample(solver, denoiser, xT, NoiseSource.seeded(0),
                SamplingOptions.DEFAULT.recordingModelCalls());
        Tensor samples = result.samples();
        if (setup.stateSpace() == ReferenceSetup.StateSpace.VE) { // the reference reports y = x/α
            double alpha = grid.to(grid.steps() - 1).alpha();
            samples = samples.scale(1 / alpha);
        }
        return new RunResult(problem, scheduleName, steps, samples, result.modelCallLevels(), null);
    }

    /** The replay contract's JSON for a replayed file. */
    public static ObjectNode toJson(FileResult file) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode runs = root.putArray("runs");
        for (RunResult r : file.runs()) {
            ObjectNode o = runs.addObject();
            o.put("problem", r.problem());
            o.put("schedule", r.schedule());
            o.put("steps", r.steps());
            if (!r.ok()) {
                o.put("error", r.error());
                continue;
            }
            o.put("nfe", r.modelCalls().size());
            ArrayNode calls = o.putArray("model_calls");
            for (NoiseLevel l : r.modelCalls()) calls.addArray().add(l.modelTime()).add(l.alpha()).add(l.sigma());
            ArrayNode samples = o.putArray("samples");
            for (double[] row : r.samples().toRows()) {
                ArrayNode a = samples.addArray();
                for (double v : row) a.add(v);
            }
        }
        return root;
    }

    /** Writes the result JSON. */
    public static void write(ObjectNode json, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), json);
    }
}
