package org.diffuse4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.Test;

class SolverPluginModuleTest {
    @Test void discoversTestOnlyProviderWithServiceLoaderAndCreatesItThroughGuice() {
        SolverPluginModule module = SolverPluginModule.fromClasspath(getClass().getClassLoader());
        Injector injector = Guice.createInjector(module);
        SolverRegistry registry = injector.getInstance(SolverRegistry.class);

        assertThat(registry.names()).contains("test-euler");
        assertThat(registry.provider("test-euler")).isInstanceOf(TestEulerProvider.class);
        assertThat(registry.origin("test-euler")).isEqualTo(PluginOrigin.CLASSPATH);
        Solver<?> solver = registry.create("test-euler", SolverConfig.of(Grids.uniformTime(VpLinearSchedule.standard(), 4), Prediction.EPSILON));
        assertThat(solver).isInstanceOf(TestEuler.class);
        assertThat(solver.totalModelCalls()).isEqualTo(4);
        assertThat(injector.getInstance(SolverRegistry.class)).as("singleton").isSameAs(registry);
    }

    @Test void bindsProvidersAndOriginsUnderTheSameIds() {
        Injector injector = Guice.createInjector(SolverPluginModule.of(List.of(
                DiscoveredProvider.onClasspath(new StubProvider("euler")),
                new DiscoveredProvider(new StubProvider("acme"), PluginOrigin.jar(java.nio.file.Path.of("plugins/acme.jar"))))));
        Map<String, SolverProvider> byName = injector.getInstance(Key.get(new TypeLiteral<Map<String, SolverProvider>>() {}));
        Map<String, PluginOrigin> origins = injector.getInstance(Key.get(new TypeLiteral<Map<String, PluginOrigin>>() {}));

        assertThat(byName).containsOnlyKeys("euler", "acme");
        assertThat(origins.get("euler")).isEqualTo(PluginOrigin.CLASSPATH);
        assertThat(origins.get("acme")).isInstanceOfSatisfying(PluginOrigin.Jar.class,
                jar -> assertThat(jar.path()).isAbsolute().endsWithRaw(java.nio.file.Path.of("plugins", "acme.jar")));
    }

    @Test void duplicateIdFailsAtConstructionNamingBothClassesAndTheId() {
        assertThatThrownBy(() -> new SolverPluginModule(List.of(new TestEulerProvider(), new StubProvider.Impostor("test-euler"))))
                .isInstanceOfSatisfying(DuplicateSolverException.class, e -> {
                    assertThat(e.field()).isEqualTo("solver id");
                    assertThat(e.key()).isEqualTo("test-euler");
                    assertThat(e.providerClasses()).containsExactly(TestEulerProvider.class.getName(), StubProvider.Impostor.class.getName());
                })
                .hasMessageContaining("'test-euler'")
                .hasMessageContaining(TestEulerProvider.class.getName())
                .hasMessageContaining(StubProvider.Impostor.class.getName());
    }

    @Test void invalidIdFailsNamingTheClassAndThePattern() {
        assertThatThrownBy(() -> new SolverPluginModule(List.of(new StubProvider.Impostor("DPM++ 2M"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'DPM++ 2M'")
                .hasMessageContaining(StubProvider.Impostor.class.getName())
                .hasMessageContaining("[a-z][a-z0-9-]*");
        assertThatThrownBy(() -> new SolverPluginModule(List.of(new StubProvider("2m")))).hasMessageContaining("'2m'");
    }

    @Test void aliasClashingWithAnotherIdFailsNamingBoth() {
        assertThatThrownBy(() -> new SolverPluginModule(List.of(new StubProvider("dpmpp-2m"), new StubProvider.Impostor("other", "DPMPP_2M"))))
                .isInstanceOfSatisfying(DuplicateSolverException.class, e -> assertThat(e.field()).isEqualTo("solver alias"))
                .hasMessageContaining("alias 'DPMPP_2M' of 'other'")
                .hasMessageContaining("the id 'dpmpp-2m'")
                .hasMessageContaining(StubProvider.class.getName() + " (classpath)")
                .hasMessageContaining(StubProvider.Impostor.class.getName());
    }

    @Test void aliasClashingWithAnotherAliasFailsNamingBoth() {
        assertThatThrownBy(() -> new SolverPluginModule(List.of(new StubProvider("a-solver", "k_euler"), new StubProvider.Impostor("b-solver", "K-Euler"))))
                .isInstanceOfSatisfying(DuplicateSolverException.class, e -> assertThat(e.providerClasses())
                        .containsExactlyInAnyOrder(StubProvider.class.getName(), StubProvider.Impostor.class.getName()))
                .hasMessageContaining("'k_euler'")
                .hasMessageContaining("'K-Euler'");
    }

    @Test void aliasEqualToItsOwnIdOrRepeatedInAnotherSpellingIsAccepted() {
        SolverPluginModule module = new SolverPluginModule(List.of(new StubProvider("dpmpp-2m", "DPMPP_2M", "k_dpmpp_2m", "K-DPMPP-2M")));
        assertThat(module.providers()).hasSize(1);
    }
}
