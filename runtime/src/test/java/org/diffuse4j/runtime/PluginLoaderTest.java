package org.diffuse4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.Solver;
import org.diffuse4j.api.SolverConfig;
import org.diffuse4j.api.grid.Grids;
import org.diffuse4j.api.predict.Prediction;
import org.diffuse4j.api.schedule.VpLinearSchedule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir Path work;
    private Path plugins, good, missing, throwing;

    /** A provider source: {@code body} goes into the class, {@code id} is its name. */
    private static String provider(String fqcn, String id, String body) {
        int dot = fqcn.lastIndexOf('.');
        return """
                package %s;
                import java.util.Set;
                import org.diffuse4j.api.*;
                public final class %s implements SolverProvider {
                    %s
                    @Override public String name() { return "%s"; }
                    @Override public Set<String> aliases() { return Set.of("%sScheduler"); }
                    @Override public SolverTraits traits() { return SolverTraits.ode(1, 1, "test plugin"); }
                    @Override public Solver<?> create(SolverConfig config) { return new org.diffuse4j.runtime.TestEuler(config.grid()); }
                }
                """.formatted(fqcn.substring(0, dot), fqcn.substring(dot + 1), body, id, fqcn.substring(dot + 1));
    }

    @BeforeEach void buildPlugins() throws IOException {
        plugins = Files.createDirectory(work.resolve("plugins"));
        Path build = Files.createDirectory(work.resolve("build"));
        good = PluginJars.build(build, plugins.resolve("good.jar"),
                Map.of("com.acme.good.GoodProvider", provider("com.acme.good.GoodProvider", "acme-good", "")),
                "com.acme.good.GoodProvider");
        missing = PluginJars.build(build, plugins.resolve("missing.jar"),
                Map.of("com.acme.missing.SurvivorProvider", provider("com.acme.missing.SurvivorProvider", "acme-survivor", "")),
                "# the first class was never packed", "com.acme.missing.NoSuchProvider", "com.acme.missing.SurvivorProvider");
        throwing = PluginJars.build(build, plugins.resolve("throwing.jar"),
                Map.of("com.acme.broken.ThrowingProvider", provider("com.acme.broken.ThrowingProvider", "acme-throwing",
                        "public ThrowingProvider() { throw new IllegalStateException(\"no licence key for acme-throwing\"); }")),
                "com.acme.broken.ThrowingProvider");
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
    }

    @Test void findsTheGoodProvidersWithTheirJarsAndReportsEachBrokenOneByName() {
        PluginScan scan = PluginLoader.forApplication().scan(List.of(plugins));

        assertThat(scan.providers()).extracting(d -> d.provider().name()).containsExactly("acme-good", "acme-survivor");
        assertThat(scan.providers()).extracting(DiscoveredProvider::origin)
                .containsExactly(PluginOrigin.jar(good), PluginOrigin.jar(missing));
        assertThat(scan.providers().get(0).provider().getClass().getClassLoader())
                .as("own class loader").isNotSameAs(getClass().getClassLoader());

        assertThat(scan.problems()).hasSize(2);
        PluginProblem notFound = scan.problems().get(0), constructorThrew = scan.problems().get(1);
        assertThat(notFound.jar()).isEqualTo(missing);
        assertThat(notFound.providerClass()).isEqualTo("com.acme.missing.NoSuchProvider");
        assertThat(notFound.message()).contains("com.acme.missing.NoSuchProvider").contains("not found");
        assertThat(constructorThrew.jar()).isEqualTo(throwing);
        assertThat(constructorThrew.providerClass()).isEqualTo("com.acme.broken.ThrowingProvider");
        assertThat(constructorThrew.message()).contains("IllegalStateException").contains("no licence key for acme-throwing");
        assertThat(constructorThrew.toString()).startsWith(throwing + " [com.acme.broken.ThrowingProvider]: ");
    }

    @Test void runtimeServesClasspathAndPluginProvidersAndKeepsTheProblems() {
        SolverRuntime runtime = SolverRuntime.create(List.of(plugins));
        SolverRegistry registry = runtime.registry();

        assertThat(registry.names()).contains("test-euler", "acme-good", "acme-survivor").doesNotContain("acme-throwing");
        assertThat(registry.origin("test-euler")).isEqualTo(PluginOrigin.CLASSPATH);
        assertThat(registry.origin("GoodProviderScheduler")).isEqualTo(PluginOrigin.jar(good));
        assertThat(runtime.problems()).extracting(PluginProblem::providerClass)
                .containsExactly("com.acme.missing.NoSuchProvider", "com.acme.broken.ThrowingProvider");

        Solver<?> solver = registry.create("acme_good", SolverConfig.of(Grids.uniformTime(VpLinearSchedule.standard(), 5), Prediction.DATA));
        assertThat(solver).isInstanceOf(TestEuler.class);
        assertThat(solver.totalModelCalls()).isEqualTo(5);
    }

    @Test void aSingleJarCanBeGivenByPathAndRepeatsAreScannedOnce() {
        PluginScan scan = PluginLoader.forApplication().scan(List.of(good, good, work.resolve("plugins/../plugins/good.jar")));
        assertThat(scan.providers()).singleElement().satisfies(d -> assertThat(d.origin()).isEqualTo(PluginOrigin.jar(good)));
        assertThat(scan.problems()).isEmpty();
    }

    @Test void pluginIdClashingWithAClasspathIdFailsNamingBothClassesAndTheJar() throws IOException {
        Path dir = Files.createDirectory(work.resolve("clash"));
        Path jar = PluginJars.build(work, dir.resolve("dup.jar"),
                Map.of("com.acme.dup.DupProvider", provider("com.acme.dup.DupProvider", "test-euler", "")), "com.acme.dup.DupProvider");

        assertThatThrownBy(() -> SolverRuntime.create(List.of(dir)))
                .isInstanceOf(DuplicateSolverException.class)
                .hasMessageContaining("'test-euler'")
                .hasMessageContaining(TestEulerProvider.class.getName() + " (classpath)")
                .hasMessageContaining("com.acme.dup.DupProvider (plugin JAR " + jar + ")");
    }

    @Test void anUnreadableJarIsOneProblemAndTheOthersStillLoad() throws IOException {
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip file");
        PluginScan scan = PluginLoader.forApplication().scan(List.of(plugins));

        assertThat(scan.providers()).extracting(d -> d.provider().name()).containsExactly("acme-good", "acme-survivor");
        assertThat(scan.problems()).anySatisfy(p -> {
            assertThat(p.jar()).isEqualTo(plugins.resolve("corrupt.jar"));
            assertThat(p.providerClass()).isNull();
            assertThat(p.message()).startsWith("not a readable JAR");
        });
    }

    @Test void aJarWithoutProvidersContributesNothing() throws IOException {
        Path library = PluginJars.build(work, work.resolve("library.jar"), Map.of(), "# only a comment");
        assertThat(PluginLoader.forApplication().scanJar(library)).isEqualTo(PluginScan.EMPTY);
    }

    @Test void aMissingPathFailsNamingIt() {
        Path nowhere = work.resolve("no-such-dir");
        assertThatThrownBy(() -> PluginLoader.forApplication().scan(List.of(nowhere)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plugin path")
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SolverRuntime.create(List.of(nowhere))).hasMessageContaining(nowhere.toString());
    }

    @Test void aFileThatIsNotAJarFailsNamingIt() {
        Path readme = plugins.resolve("README.txt");
        assertThatThrownBy(() -> PluginLoader.forApplication().scan(List.of(readme)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(readme.toString())
                .hasMessageContaining("neither a directory nor a .jar file");
    }
}
