package org.diffuse4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diffuse4j conformance} on plugin JARs: the example plugin passes with exit 0; a JAR with a broken
 * provider fails naming it; plugin solvers are listed with their origin and sample through the CLI.
 */
class ConformanceCommandTest {
    /** The example plugin's compiled classes (built earlier in the reactor), packed into a JAR as a user would ship it. */
    static Path examplePluginJar(Path dir) throws IOException {
        Path classes = Path.of(System.getProperty("user.dir")).resolveSibling("plugins-example").resolve("target").resolve("classes");
        assertThat(classes.resolve("META-INF/services/org.diffuse4j.api.SolverProvider"))
                .as("plugins-example must be compiled before cli (the reactor does this)").exists();
        Path jar = dir.resolve("example-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A JAR whose services file names a provider class it does not contain. */
    static Path brokenJar(Path dir) throws IOException {
        Path jar = dir.resolve("broken-plugin.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.diffuse4j.api.SolverProvider"));
            out.write("com.example.missing.GhostProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach void restore() { System.setOut(oldOut); }

    @Test void examplePluginPassesTheKitAndExitsZero(@TempDir Path dir) throws IOException {
        Path jar = examplePluginJar(dir);
        int code = Main.execute("conformance", "--jar", jar.toString());
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(table).isZero();
        assertThat(table).contains("ralston", "rk38", "measured order", "0 failed");
    }

    @Test void aJarWithABrokenProviderExitsNonZeroNamingIt(@TempDir Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        examplePluginJar(plugins);
        brokenJar(plugins);
        int code = Main.execute("--plugins", plugins.toString(), "conformance");
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(table).contains("com.example.missing.GhostProvider", "FAIL", "1 failed");
        assertThat(table).contains("rk38"); // the good plugin in the same directory is still checked
    }

    @Test void pluginSolversAreListedWithTheirOriginAndSample(@TempDir Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = examplePluginJar(plugins);
        assertThat(Main.execute("--plugins", plugins.toString(), "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("rk38", "ralston", jar.getFileName().toString());
        assertThat(Main.execute("--plugins", plugins.toString(), "sample", "--solver", "rk38", "--count", "200",
                "--out", dir.resolve("out").toString())).isZero();
        assertThat(dir.resolve("out/samples.csv")).exists();
    }
}
