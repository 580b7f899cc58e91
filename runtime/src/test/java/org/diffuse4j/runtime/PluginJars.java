package org.diffuse4j.runtime;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.diffuse4j.api.SolverProvider;

/** Builds plugin JARs at test time: compiles sources with {@link JavaCompiler}, packs them with a services file. */
final class PluginJars {
    private PluginJars() {}

    /**
     * Compiles {@code sources} (fully qualified class name → source) in {@code work} and writes
     * {@code jar} holding the classes and a services file with {@code serviceLines}.
     */
    static Path build(Path work, Path jar, Map<String, String> sources, String... serviceLines) throws IOException {
        Path src = Files.createTempDirectory(work, "src"), classes = Files.createTempDirectory(work, "classes");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, e.getValue()));
        }
        if (!files.isEmpty()) compile(files, classes);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
             Stream<Path> walk = Files.walk(classes)) {
            for (Path c : walk.filter(Files::isRegularFile).sorted().toList()) {
                put(out, classes.relativize(c).toString().replace(File.separatorChar, '/'), Files.readAllBytes(c));
            }
            put(out, PluginLoader.SERVICES, (String.join("\n", serviceLines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void compile(List<Path> files, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        // surefire may pass the class path through a manifest-only JAR, so add the api's and the tests' locations explicitly
        String classpath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
                location(SolverProvider.class), location(TestEuler.class));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("--release", "17", "-classpath", classpath, "-d", classes.toString()),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                throw new IllegalStateException("plugin sources did not compile:\n" + diagnostics.getDiagnostics().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")));
            }
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return m;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
