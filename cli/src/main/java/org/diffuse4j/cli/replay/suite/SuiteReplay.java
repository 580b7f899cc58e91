package org.diffuse4j.cli.replay.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * Replays diffusers-suite/cases.json: every case of diffusers' own scheduler tests is rebuilt from its scheduler
 * class and configuration with diffuse4j's schedules, grids and solvers, run with the tests' dummy model and
 * dummy tensors (and the recorded draws of random cases), and reported as its final sample, or as an error naming
 * why it cannot be reproduced exactly.
 */
public final class SuiteReplay {
    /** One replayed case: its final sample (row-major) or the reason it could not be replayed. */
    public record CaseResult(String id, String schedulerClass, Tensor sample, String error) {
        public boolean ok() { return error == null; }
    }

    private final SuiteContext context;

    /**
     * @param solvers  resolves a solver id to its provider (the runtime registry in the CLI)
     * @param suiteDir the directory of cases.json (noise traces are read beside it)
     */
    public SuiteReplay(Function<String, SolverProvider> solvers, Path suiteDir) {
        this.context = new SuiteContext(solvers, suiteDir);
    }

    /** Replays every case of a parsed cases.json, in input order. */
    public List<CaseResult> replay(JsonNode suite) {
        List<CaseResult> out = new ArrayList<>();
        for (JsonNode node : suite.path("cases")) out.add(replayCase(node));
        return out;
    }

    /** Replays one case. */
    public CaseResult replayCase(JsonNode node) {
        String id = node.path("id").asText();
        String cls = node.path("scheduler_class").asText();
        try {
            SuiteCase c = SuiteCase.parse(node);
            Tensor sample = SuiteTranslations.find(cls).replay(c, context);
            if (!Arrays.equals(sample.shape(), c.sampleShape())) {
                throw new ReplayException("replay produced shape " + Arrays.toString(sample.shape()) + ", the reference "
                        + Arrays.toString(c.sampleShape()));
            }
            if (!sample.isFinite()) throw new ReplayException("replay produced a non-finite sample");
            return new CaseResult(id, cls, sample, null);
        } catch (ReplayException e) {
            return new CaseResult(id, cls, null, cls + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new CaseResult(id, cls, null, cls + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The replay contract's JSON: {"cases": [{"id", "sample"} or {"id", "error"}]}. */
    public static ObjectNode toJson(List<CaseResult> results) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : results) {
            ObjectNode o = cases.addObject();
            o.put("id", r.id());
            if (!r.ok()) {
                o.put("error", r.error());
                continue;
            }
            ArrayNode a = o.putArray("sample");
            for (double v : r.sample().toArray()) a.add(v);
        }
        return root;
    }
}
