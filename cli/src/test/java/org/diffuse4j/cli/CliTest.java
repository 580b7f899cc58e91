package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.diffuse4j.models.bench.BenchProblems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: sample, list, replay, and the errors users see. */
class CliTest {
    @RegisterExtension final ConsoleCapture console = new ConsoleCapture();

    @Test void defaultSampleWritesCsvAndPngOnTheRing(@TempDir Path dir) throws Exception {
        int code = Main.execute("sample", "--out", dir.toString());
        assertThat(code).as(console.stderr()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0)).isEqualTo("x1,x2");
        // every sample lies near the unit circle the 8 modes sit on
        double meanRadius = lines.stream().skip(1).mapToDouble(l -> {
            String[] p = l.split(",");
            return Math.hypot(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
        }).average().orElseThrow();
        assertThat(meanRadius).isBetween(0.9, 1.1);
        assertThat(ImageIO.read(dir.resolve("samples.png").toFile()).getWidth()).isEqualTo(720);
        assertThat(console.stdout()).contains("dpmpp-2m", "2000 samples", "20 steps");
    }

    @Test void sampleIsIndependentOfThreadCount(@TempDir Path dir) throws Exception {
        assertThat(Main.execute("sample", "--solver", "ddpm", "--count", "300", "--threads", "1", "--out", dir.resolve("a").toString())).isZero();
        assertThat(Main.execute("sample", "--solver", "ddpm", "--count", "300", "--threads", "2", "--out", dir.resolve("b").toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve("a/samples.csv"))).isEqualTo(Files.readAllLines(dir.resolve("b/samples.csv")));
    }

    @Test void listShowsTheFiveSolvers() {
        assertThat(Main.execute("list")).isZero();
        assertThat(console.stdout()).contains("ddim", "euler ", "dpmpp-2m", "ddpm", "euler-maruyama", "classpath");
    }

    @Test void unknownSolverNamesTheClosestMatch(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--solver", "dpmpp2m", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("dpmpp2m", "did you mean 'dpmpp-2m'");
    }

    @Test void badInputsGiveTypedMessages(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--steps", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("steps", "at least 1");
        console.reset();
        assertThat(Main.execute("sample", "-o", "solver_type=heunish", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("solver_type", "heunish", "midpoint", "heun");
        console.reset();
        assertThat(Main.execute("sample", "--solver", "ddim", "-o", "solver_order=2", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("solver_order", "ddim");
        console.reset();
        assertThat(Main.execute("sample", "--schedule", "linear-ish", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("schedule", "linear-ish", "sd-scaled-linear");
        console.reset();
        assertThat(Main.execute("sample", "--solver", "euler-maruyama", "--schedule", "rectified-flow", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("schedule", "RECTIFIED_FLOW");
    }

    @Test void replayWritesTheContractAndExitsZero(@TempDir Path dir) throws Exception {
        Path golden = BenchProblems.locate().resolve("golden").resolve("k-diffusion__sample_euler__dd5b3ce7af.json");
        Path result = dir.resolve("result.json");
        assertThat(Main.execute("replay", golden.toString(), "--out", result.toString())).as(console.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        JsonNode ref = new ObjectMapper().readTree(golden.toFile());
        assertThat(json.get("runs")).hasSize(ref.get("runs").size());
        JsonNode run = json.get("runs").get(0);
        assertThat(run.get("problem").asText()).isEqualTo(ref.get("runs").get(0).get("problem").asText());
        assertThat(run.get("nfe").asInt()).isEqualTo(ref.get("runs").get(0).get("nfe").asInt());
        assertThat(run.get("samples").get(0).get(0).asDouble())
                .isCloseTo(ref.get("runs").get(0).get("samples").get(0).get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test void replayOfAnUnsupportedConfigurationReportsEveryRunAndExitsNonZero(@TempDir Path dir) throws Exception {
        // a real golden file whose configuration asks for an option replay does not know
        Path source = BenchProblems.locate().resolve("golden").resolve("diffusers__DDIMScheduler__46c5548ef1.json");
        com.fasterxml.jackson.databind.node.ObjectNode golden = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(source.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) golden.get("config")).put("made_up_option", 3);
        Path file = dir.resolve("golden").resolve("modified.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().writeValue(file.toFile(), golden);
        Path result = dir.resolve("result.json");
        assertThat(Main.execute("replay", file.toString(), "--out", result.toString(), "--bench", BenchProblems.locate().toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.get("runs")).hasSize(golden.get("runs").size())
                .allSatisfy(r -> assertThat(r.get("error").asText()).contains("made_up_option"));
    }

    @Test void diffusersConfigBuildsThePipelinesSamplerAndRefusesUnknownKeys(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("scheduler_config.json");
        Files.writeString(cfg, "{\"_class_name\": \"EulerDiscreteScheduler\", \"_diffusers_version\": \"0.30.0\","
                + " \"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012,"
                + " \"num_train_timesteps\": 1000, \"prediction_type\": \"epsilon\", \"timestep_spacing\": \"trailing\"}");
        assertThat(Main.execute("sample", "--diffusers-config", cfg.toString(), "--steps", "10", "--count", "100",
                "--out", dir.toString())).as(console.stderr()).isZero();
        assertThat(console.stdout()).contains("EulerDiscreteScheduler", "used keys", "timestep_spacing", "euler", "10 model calls");
        Files.writeString(cfg, "{\"_class_name\": \"EulerDiscreteScheduler\", \"clip_everything\": true}");
        assertThat(Main.execute("sample", "--diffusers-config", cfg.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("clip_everything");
    }

    @Test void nfeBudgetChoosesTheStepCountAndEdmScheduleSamples(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--nfe", "7", "--count", "100", "--out", dir.toString())).as(console.stderr()).isZero();
        assertThat(console.stdout()).contains("(7 steps, 7 model calls)");
        assertThat(Main.execute("sample", "--schedule", "edm", "--grid", "exponential", "--solver", "euler", "--count", "100",
                "--out", dir.toString())).as(console.stderr()).isZero();
        assertThat(Main.execute("sample", "--nfe", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(console.stderr()).contains("nfe");
    }

    @Test void optimisedGridIsTunedOnPilotRunsAndBeatsUniformLambda(@TempDir Path dir) {
        assertThat(Main.execute("sample", "--grid", "optimised", "--solver", "ddim", "--steps", "6", "--count", "100",
                "--out", dir.toString())).as(console.stderr()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pilot RMSE ([0-9.e+-]+) \\(uniform λ: ([0-9.e+-]+)\\)").matcher(console.stdout());
        assertThat(m.find()).as(console.stdout()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(Double.parseDouble(m.group(2)));
    }
}
