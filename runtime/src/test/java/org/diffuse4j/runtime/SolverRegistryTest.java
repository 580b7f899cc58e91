package org.diffuse4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.Guice;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Conditioning;
import org.diffuse4j.api.Denoiser;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Sampler;
import org.diffuse4j.api.SamplingResult;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.SolverTraits;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class SolverRegistryTest {
    private static final SolverConfig CONFIG = SolverConfig.of(Grids.uniformTime(VpLinearSchedule.standard(), 8), Prediction.DATA);

    private final SolverRegistry registry = Guice.createInjector(new SolverPluginModule(List.of(
            new StubProvider("euler", "EulerDiscreteScheduler", "k_euler"),
            new StubProvider("dpmpp-2m", "DPMSolverMultistepScheduler", "k_dpmpp_2m"),
            new StubProvider("ddim", "DDIMScheduler"),
            new TestEulerProvider()))).getInstance(SolverRegistry.class);

    @Test void namesAreSortedAndProvidersFollowThem() {
        assertThat(registry.names()).containsExactly("ddim", "dpmpp-2m", "euler", "test-euler");
        assertThat(registry.providers()).extracting(SolverProvider::name).containsExactly("ddim", "dpmpp-2m", "euler", "test-euler");
    }

    @Test void idsAndAliasesResolveIgnoringCaseAndUnderscores() {
        assertThat(registry.id("dpmpp_2m")).isEqualTo("dpmpp-2m");
        assertThat(registry.id("DPMPP-2M")).isEqualTo("dpmpp-2m");
        assertThat(registry.id("DPMSolverMultistepScheduler")).isEqualTo("dpmpp-2m");
        assertThat(registry.id("dpmsolvermultistepscheduler")).isEqualTo("dpmpp-2m");
        assertThat(registry.id("K-DPMPP-2M")).isEqualTo("dpmpp-2m");
        assertThat(registry.id(" k_euler ")).isEqualTo("euler");
        assertThat(registry.provider("TestEulerScheduler")).isInstanceOf(TestEulerProvider.class);
        assertThat(registry.origin("k_test_euler")).isEqualTo(PluginOrigin.CLASSPATH);
    }

    @Test void unknownIdSuggestsTheClosestIdAndListsAllAvailable() {
        assertThatThrownBy(() -> registry.create("dpmpp2m", CONFIG))
                .isInstanceOfSatisfying(UnknownSolverException.class, e -> {
                    assertThat(e.field()).isEqualTo("solver");
                    assertThat(e.requested()).isEqualTo("dpmpp2m");
                    assertThat(e.suggestion()).contains("dpmpp-2m");
                    assertThat(e.available()).containsExactly("ddim", "dpmpp-2m", "euler", "test-euler");
                })
                .hasMessage("solver: 'dpmpp2m' is unknown; did you mean 'dpmpp-2m'? available: ddim, dpmpp-2m, euler, test-euler");
    }

    @Test void aTypoOfAnAliasSuggestsTheAliasedId() {
        assertThatThrownBy(() -> registry.provider("EulerDiscreteSchedular"))
                .isInstanceOfSatisfying(UnknownSolverException.class, e -> assertThat(e.suggestion()).contains("euler"));
    }

    @Test void aNameFarFromEveryIdGetsNoSuggestionButStillTheList() {
        assertThatThrownBy(() -> registry.provider("heun"))
                .isInstanceOfSatisfying(UnknownSolverException.class, e -> assertThat(e.suggestion()).isEmpty())
                .hasMessage("solver: 'heun' is unknown; available: ddim, dpmpp-2m, euler, test-euler");
        assertThatThrownBy(() -> registry.provider(" ")).isInstanceOf(ConfigurationException.class).hasMessageContaining("is required");
    }

    @Test void levenshteinCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(SolverIndex.levenshtein("dpmpp2m", "dpmpp-2m")).isEqualTo(1);
        assertThat(SolverIndex.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(SolverIndex.levenshtein("", "ddim")).isEqualTo(4);
    }

    @Test void createdSolverSamplesThroughTheApiLoop() {
        Tensor mu = Tensor.of(new double[][] {{0.5, -1.0}, {2.0, 0.25}});
        Denoiser constant = new Denoiser() { // x̂₀ = μ whatever x: every step lands on α' μ + σ' ε̂, the last on μ
            @Override public Prediction target() { return Prediction.DATA; }
            @Override public Tensor predict(Tensor x, NoiseLevel level, Conditioning conditioning) { return mu; }
        };
        Solver<?> solver = registry.create("k_test_euler", CONFIG);
        SamplingResult result = Sampler.sample(solver, constant, Tensor.full(1.0, 2, 2), NoiseSource.seeded(7));

        assertThat(result.modelCalls()).isEqualTo(8).isEqualTo(solver.totalModelCalls());
        assertThat(result.trace()).extracting(e -> e.order()).containsOnly(1);
        assertThat(result.samples().maxAbsDistance(mu)).isCloseTo(0.0, within(1e-12));
    }

    @Test void creationFailuresOtherThanConfigurationAreWrappedNamingTheProvider() {
        SolverProvider failing = new StubProvider.Impostor("flaky") {
            @Override public Solver<?> create(SolverConfig config) { throw new ArithmeticException("table overflow"); }
        };
        SolverRegistry r = new SolverRegistry(Map.of("flaky", failing), Map.of());
        assertThatThrownBy(() -> r.create("flaky", CONFIG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'flaky'")
                .hasMessageContaining(failing.getClass().getName())
                .hasMessageContaining("table overflow")
                .hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test void configurationErrorsFromTheProviderPassThrough() {
        SolverProvider picky = new StubProvider("picky") {
            @Override public SolverTraits traits() { return TestEulerProvider.TRAITS.withAccepts(java.util.Set.of(Prediction.EPSILON)); }
            @Override public Solver<?> create(SolverConfig config) { config.validateFor(name(), traits()); return null; }
        };
        SolverRegistry r = new SolverRegistry(Map.of("picky", picky), Map.of());
        assertThatThrownBy(() -> r.create("picky", CONFIG)).isExactlyInstanceOf(ConfigurationException.class).hasMessageContaining("prediction");
    }

    @Test void aKeyDifferentFromTheProvidersNameIsRejected() {
        assertThatThrownBy(() -> new SolverRegistry(Map.of("euler", new StubProvider("heun")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'euler'")
                .hasMessageContaining("'heun'");
    }
}
