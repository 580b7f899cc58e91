package org.diffuse4j.models.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Schedule;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;

/**
 * The benchmark definitions of {@code shared/bench/problems.json}, parsed eagerly and held immutably:
 * Gaussian-mixture problems with their x_T banks, and the training schedules of the reference runs.
 */
public final class BenchProblems {
    /** System property naming the bench directory (the parent pom sets it for tests). */
    public static final String DIR_PROPERTY = "diffuse4j.bench.dir";
    /** The file name inside the bench directory. */
    public static final String FILE_NAME = "problems.json";

    private record Problem(GaussianMixture mixture, double[][] xT) {}

    /** Discrete schedules have both tables; rectified flow has neither. */
    private record ScheduleEntry(String type, double[] betas, double[] alphasCumprod) {}

    private final Path source;
    private final Map<String, Problem> problems;
    private final Map<String, ScheduleEntry> schedules;

    private BenchProblems(Path source, Map<String, Problem> problems, Map<String, ScheduleEntry> schedules) {
        this.source = source;
        this.problems = problems;
        this.schedules = schedules;
    }

    /**
     * Loads {@code path}, a problems.json file or the bench directory holding one.
     *
     * @throws UncheckedIOException naming the path if it is missing, unreadable or not JSON
     * @throws ConfigurationException naming the path if an expected field is missing or malformed
     */
    public static BenchProblems load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new UncheckedIOException("bench problems " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bench problems " + file + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(FILE_NAME, file + " does not hold a JSON object");
        }
        Parser p = new Parser(file);
        Map<String, Problem> problems = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.fields(root, "problems")) {
            JsonNode n = e.getValue();
            String at = "problems." + e.getKey();
            GaussianMixture mixture;
            try {
                mixture = new GaussianMixture(p.vector(n, at, "weights"), p.matrix(n, at, "means"), p.vector(n, at, "stds"));
            } catch (ConfigurationException ex) {
                throw new ConfigurationException(at, file + ": " + ex.getMessage());
            }
            double[][] xT = p.matrix(n, at, "x_T");
            if (xT[0].length != mixture.dimension()) {
                throw new ConfigurationException(at + ".x_T", file + ": rows have " + xT[0].length
                        + " values, the mixture has dimension " + mixture.dimension());
            }
            problems.put(e.getKey(), new Problem(mixture, xT));
        }
        Map<String, ScheduleEntry> schedules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.fields(root, "schedules")) {
            JsonNode n = e.getValue();
            String at = "schedules." + e.getKey();
            String type = p.text(n, at, "type");
            schedules.put(e.getKey(), "discrete".equals(type)
                    ? new ScheduleEntry(type, p.vector(n, at, "betas"), p.vector(n, at, "alphas_cumprod"))
                    : new ScheduleEntry(type, null, null));
        }
        return new BenchProblems(file, problems, schedules);
    }

    /**
     * The bench directory: the system property {@value #DIR_PROPERTY} if it names a directory holding
     * problems.json, else the first {@code shared/bench} found walking up from the working directory.
     *
     * @throws IllegalStateException naming every place tried
     */
    public static Path locate() {
        return locate(System.getProperty(DIR_PROPERTY), Path.of("").toAbsolutePath());
    }

    /** {@link #locate()} with an explicit configured directory (may be null) and starting directory. */
    public static Path locate(String configuredDir, Path start) {
        List<Path> tried = new ArrayList<>();
        if (configuredDir != null && !configuredDir.isBlank()) {
            Path dir = Path.of(configuredDir).toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve(FILE_NAME))) return dir;
            tried.add(dir);
        }
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("bench");
            if (Files.isRegularFile(candidate.resolve(FILE_NAME))) return candidate;
            tried.add(candidate);
        }
        throw new IllegalStateException("no bench directory with " + FILE_NAME + " found; set -D" + DIR_PROPERTY
                + " (was " + (configuredDir == null ? "unset" : "'" + configuredDir + "'") + "); tried " + tried);
    }

    /** The file these definitions were read from. */
    public Path source() { return source; }

    /** Problem names, in file order. */
    public Set<String> problemNames() { return Collections.unmodifiableSet(problems.keySet()); }

    /** Schedule names, in file order. */
    public Set<String> scheduleNames() { return Collections.unmodifiableSet(schedules.keySet()); }

    /** The data distribution of a problem. */
    public GaussianMixture mixture(String name) { return problem(name).mixture(); }

    /** The bank of initial states x_T of a problem, rows × d. */
    public Tensor xT(String name) { return Tensor.of(problem(name).xT()); }

    /**
     * The schedule: a {@link DiscreteVpSchedule} from the file's ᾱ table for type "discrete", the
     * standard {@link RectifiedFlowSchedule} (α = 1 − t, σ = t, model time 1000 t) for rectified flow.
     */
    public Schedule schedule(String name) {
        ScheduleEntry s = entry(name);
        if (s.alphasCumprod() != null) return DiscreteVpSchedule.fromAlphasCumprod(s.alphasCumprod());
        // the file types rectified flow as "continuous"; its name is what identifies it
        if ("rectified-flow".equals(s.type()) || "rectified-flow".equals(name)) return RectifiedFlowSchedule.standard();
        throw new ConfigurationException("schedules." + name + ".type", "unsupported schedule type '" + s.type() + "' in " + source);
    }

    /** The training β table of a discrete schedule (a copy). */
    public double[] betas(String name) { return discrete(name).betas().clone(); }

    /** The ᾱ table of a discrete schedule (a copy). */
    public double[] alphasCumprod(String name) { return discrete(name).alphasCumprod().clone(); }

    private Problem problem(String name) {
        Problem p = problems.get(name);
        if (p == null) throw ConfigurationException.notAllowed("problem", name, problems.keySet());
        return p;
    }

    private ScheduleEntry entry(String name) {
        ScheduleEntry s = schedules.get(name);
        if (s == null) throw ConfigurationException.notAllowed("schedule", name, schedules.keySet());
        return s;
    }

    private ScheduleEntry discrete(String name) {
        ScheduleEntry s = entry(name);
        if (s.betas() == null) {
            throw new ConfigurationException("schedule", "'" + name + "' is of type '" + s.type() + "' and has no beta table; discrete schedules: "
                    + schedules.entrySet().stream().filter(e -> e.getValue().betas() != null).map(Map.Entry::getKey).toList());
        }
        return s;
    }

    @Override public String toString() {
        return "BenchProblems[" + source + ", problems=" + problems.keySet() + ", schedules=" + schedules.keySet() + "]";
    }

    /** Reads typed fields, naming the file and the JSON path of anything missing or malformed. */
    private record Parser(Path file) {
        List<Map.Entry<String, JsonNode>> fields(JsonNode node, String name) {
            JsonNode n = node.get(name);
            if (n == null || !n.isObject() || n.isEmpty()) throw missing(name, "a non-empty object");
            return List.copyOf(n.properties());
        }

        String text(JsonNode node, String at, String name) {
            JsonNode n = node.get(name);
            if (n == null || !n.isTextual()) throw missing(at + "." + name, "a string");
            return n.asText();
        }

        double[] vector(JsonNode node, String at, String name) {
            return numbers(node.get(name), at + "." + name);
        }

        double[][] matrix(JsonNode node, String at, String name) {
            JsonNode n = node.get(name);
            String path = at + "." + name;
            if (n == null || !n.isArray() || n.isEmpty()) throw missing(path, "a non-empty array of rows");
            double[][] out = new double[n.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = numbers(n.get(i), path + "[" + i + "]");
                if (out[i].length != out[0].length) throw missing(path + "[" + i + "]", "a row of " + out[0].length + " numbers (as row 0)");
            }
            return out;
        }

        private double[] numbers(JsonNode n, String path) {
            if (n == null || !n.isArray() || n.isEmpty()) throw missing(path, "a non-empty array of numbers");
            double[] out = new double[n.size()];
            for (int i = 0; i < out.length; i++) {
                if (!n.get(i).isNumber()) throw missing(path + "[" + i + "]", "a number");
                out[i] = n.get(i).doubleValue();
            }
            return out;
        }

        private ConfigurationException missing(String at, String expected) {
            return new ConfigurationException(at, "expected " + expected + " in " + file);
        }
    }
}
