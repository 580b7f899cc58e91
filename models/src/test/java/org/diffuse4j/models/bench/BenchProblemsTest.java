package org.diffuse4j.models.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.schedule.Betas;
import org.diffuse4j.api.schedule.DiscreteVpSchedule;
import org.diffuse4j.api.schedule.RectifiedFlowSchedule;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BenchProblemsTest {
    private static BenchProblems bench;

    @BeforeAll
    static void load() {
        bench = BenchProblems.load(BenchProblems.locate().resolve(BenchProblems.FILE_NAME));
    }

    @Test
    void locatesTheSharedBenchDirectory() {
        Path dir = BenchProblems.locate();
        assertThat(dir.resolve("problems.json")).isRegularFile();
        assertThat(BenchProblems.locate(null, Path.of("").toAbsolutePath())).isEqualTo(dir);   // walking up from models/
        assertThat(bench.problemNames()).containsExactly("gmm2d-ring", "gmm16");
        assertThat(bench.scheduleNames()).containsExactly("ddpm-linear", "sd-scaled-linear", "cosine", "rectified-flow");
    }

    @Test
    void ringHasEightModesOnTheUnitCircleWithStd008() {
        GaussianMixture ring = bench.mixture("gmm2d-ring");
        assertThat(ring.components()).isEqualTo(8);
        assertThat(ring.dimension()).isEqualTo(2);
        for (int k = 0; k < 8; k++) {
            double[] mu = ring.means()[k];
            assertThat(mu[0]).isCloseTo(Math.cos(2 * Math.PI * k / 8), within(1e-15));
            assertThat(mu[1]).isCloseTo(Math.sin(2 * Math.PI * k / 8), within(1e-15));
            assertThat(ring.stds()[k]).isEqualTo(0.08);
            assertThat(ring.weights()[k]).isEqualTo(0.125);
        }
        assertThat(bench.xT("gmm2d-ring").shape()).containsExactly(64, 2);
    }

    @Test
    void gmm16HasSixComponentsIn16Dimensions() {
        GaussianMixture m = bench.mixture("gmm16");
        assertThat(m.components()).isEqualTo(6);
        assertThat(m.dimension()).isEqualTo(16);
        assertThat(m.weights()).containsExactly(0.3, 0.2, 0.15, 0.15, 0.1, 0.1);
        assertThat(m.stds()).containsExactly(0.1, 0.2, 0.15, 0.3, 0.05, 0.25);
        assertThat(bench.xT("gmm16").shape()).containsExactly(32, 16);
    }

    static Stream<Arguments> discreteSchedules() {
        return Stream.of(
                Arguments.of("ddpm-linear", Betas.linear(1e-4, 0.02, 1000)),
                Arguments.of("sd-scaled-linear", Betas.scaledLinear(0.00085, 0.012, 1000)),
                Arguments.of("cosine", Betas.squaredCosCapV2(1000)));
    }

    @ParameterizedTest
    @MethodSource("discreteSchedules")
    void alphasCumprodAreReproducedFromTheBetaFormulas(String name, double[] betas) {
        double[] expected = Betas.alphasCumprod(betas), actual = bench.alphasCumprod(name);
        assertThat(actual).hasSize(1000);
        for (int k = 0; k < 1000; k++) {
            assertThat(actual[k]).as("alphas_cumprod[%d]", k).isCloseTo(expected[k], within(1e-12 * expected[k]));
        }
        assertThat(bench.betas(name)).hasSize(1000);
        DiscreteVpSchedule schedule = (DiscreteVpSchedule) bench.schedule(name);
        assertThat(schedule.trainSteps()).isEqualTo(1000);
        assertThat(schedule.timestep(999).alpha()).isCloseTo(Math.sqrt(expected[999]), within(1e-12 * Math.sqrt(expected[999])));
    }

    @Test
    void rectifiedFlowIsTheStandardSchedule() {
        assertThat(bench.schedule("rectified-flow")).isEqualTo(RectifiedFlowSchedule.standard());
        NoiseLevel start = bench.schedule("rectified-flow").at(1);
        assertThat(start.alpha()).isZero();
        assertThat(start.sigma()).isEqualTo(1);
        assertThatThrownBy(() -> bench.betas("rectified-flow"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no beta table").hasMessageContaining("ddpm-linear");
    }

    @Test
    void unknownNamesListTheAvailableOnes() {
        assertThatThrownBy(() -> bench.mixture("gmm3"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'gmm3'").hasMessageContaining("gmm2d-ring, gmm16");
        assertThatThrownBy(() -> bench.schedule("karras"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'karras'").hasMessageContaining("cosine");
    }

    @Test
    void missingOrMalformedFilesAreReportedWithTheirPath(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("nope.json");
        assertThatThrownBy(() -> BenchProblems.load(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"problems\": [1, 2");
        assertThatThrownBy(() -> BenchProblems.load(broken))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(broken.toString());
        Path incomplete = Files.writeString(tmp.resolve("incomplete.json"),
                "{\"problems\": {\"p\": {\"weights\": [1], \"means\": [[0, 0]]}}, \"schedules\": {}}");
        assertThatThrownBy(() -> BenchProblems.load(incomplete))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("problems.p.stds").hasMessageContaining(incomplete.toString());
        Path badWeights = Files.writeString(tmp.resolve("weights.json"),
                "{\"problems\": {\"p\": {\"weights\": [0.5, 0.6], \"means\": [[0], [1]], \"stds\": [1, 1], \"x_T\": [[0]]}},"
                        + " \"schedules\": {\"s\": {\"type\": \"discrete\", \"betas\": [0.1], \"alphas_cumprod\": [0.9]}}}");
        assertThatThrownBy(() -> BenchProblems.load(badWeights))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("problems.p").hasMessageContaining("weights");
    }

    @Test
    void locateNamesEverythingItTried(@TempDir Path tmp) {
        assertThatThrownBy(() -> BenchProblems.locate(tmp.resolve("absent").toString(), tmp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(tmp.resolve("absent").toString())
                .hasMessageContaining(tmp.resolve("shared").resolve("bench").toString());
    }
}
