package org.diffuse4j.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.Spliterator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.SolverProvider;

/**
 * Finds {@link SolverProvider}s in plugin JARs: every {@code *.jar} directly inside a plugin
 * directory, or a JAR given by path.
 *
 * <p>A plugin is one self-contained JAR (dependencies shaded in) with its providers listed in
 * {@code META-INF/services/org.diffuse4j.api.SolverProvider}. Each JAR gets its own
 * {@link URLClassLoader}, so plugins cannot clash with one another; its parent is the loader that
 * defines the api types, so a plugin's {@code SolverProvider} is the application's. Classes load
 * parent-first, but service files are read from the JAR alone, so the scan never re-discovers the
 * class path's providers.
 *
 * <p>Failures are contained per provider: a class that is missing, not a {@code SolverProvider},
 * lacks a public no-argument constructor, or throws while being constructed (or from {@code name()}
 * / {@code aliases()}) becomes a {@link PluginProblem} naming the JAR and class, and the scan goes
 * on. An unreadable JAR is one problem for the whole JAR. Only a missing or unusable path is fatal,
 * since that is a mistake in the application's own configuration. Ids are not judged here:
 * {@link SolverPluginModule} rejects invalid and duplicate ids at start-up, naming the classes.
 *
 * <p>A JAR's class loader stays open while any provider from it is in use (it is closed at once when
 * nothing in the JAR loaded).
 */
public final class PluginLoader {
    /** The service file every plugin JAR declares its providers in. */
    public static final String SERVICES = "META-INF/services/" + SolverProvider.class.getName();

    private final ClassLoader parent;

    /** A loader whose plugin class loaders delegate to {@code parent} (which must see the api types). */
    public PluginLoader(ClassLoader parent) {
        if (parent == null) throw new ConfigurationException("parent class loader", "is required");
        this.parent = parent;
    }

    /** A loader whose plugins share the api types with the application: parent = the api's class loader. */
    public static PluginLoader forApplication() { return new PluginLoader(SolverProvider.class.getClassLoader()); }

    /**
     * Scans plugin directories and JAR files, in the order given (a directory's JARs by file name).
     *
     * @throws ConfigurationException if a path does not exist or is neither a directory nor a {@code .jar} file
     */
    public PluginScan scan(Collection<Path> directoriesOrJars) {
        PluginScan scan = PluginScan.EMPTY;
        for (Path jar : jars(directoriesOrJars)) scan = scan.plus(scanJar(jar));
        return scan;
    }

    /** The JARs {@code directoriesOrJars} stand for, absolute, without repeats. */
    static List<Path> jars(Collection<Path> directoriesOrJars) {
        Set<Path> jars = new LinkedHashSet<>();
        for (Path path : directoriesOrJars) {
            if (path == null) throw new ConfigurationException("plugin path", "is null");
            Path p = path.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.filter(f -> Files.isRegularFile(f) && isJar(f)).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list plugin directory " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p) && isJar(p)) {
                jars.add(p);
            } else if (!Files.exists(p)) {
                throw new ConfigurationException("plugin path", "'" + p + "' does not exist (expected a plugin directory or a .jar file)");
            } else {
                throw new ConfigurationException("plugin path", "'" + p + "' is neither a directory nor a .jar file");
            }
        }
        return List.copyOf(jars);
    }

    private static boolean isJar(Path file) { return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"); }

    /** Scans one JAR; never throws for a broken JAR or provider, reporting it instead. */
    public PluginScan scanJar(Path jarPath) {
        Path jar = jarPath.toAbsolutePath().normalize();
        List<String> declared;
        try (JarFile file = new JarFile(jar.toFile())) {
            declared = declaredProviders(file);
        } catch (IOException | SecurityException e) {
            return new PluginScan(List.of(), List.of(new PluginProblem(jar, null, "not a readable JAR: " + e)));
        }
        if (declared.isEmpty()) return PluginScan.EMPTY;

        PluginClassLoader loader;
        try {
            loader = new PluginClassLoader(jar, parent);
        } catch (MalformedURLException e) {
            return new PluginScan(List.of(), List.of(new PluginProblem(jar, null, "cannot form a URL: " + e)));
        }
        List<DiscoveredProvider> found = new ArrayList<>();
        List<PluginProblem> problems = new ArrayList<>();
        Spliterator<ServiceLoader.Provider<SolverProvider>> lookup =
                ServiceLoader.load(SolverProvider.class, loader).stream().spliterator();
        // Each advance consumes one declared name (ServiceLoader drops repeats), so this bounds the loop
        // even though the lookup carries on past an error only on a best-effort basis.
        for (int advance = 0; advance <= declared.size(); advance++) {
            try {
                if (!lookup.tryAdvance(p -> load(p, jar, loader, found, problems))) break;
            } catch (ServiceConfigurationError e) { // missing class, not a SolverProvider, no public no-arg constructor
                problems.add(new PluginProblem(jar, namedIn(e.getMessage(), declared), messageOf(e)));
            }
        }
        if (found.isEmpty()) close(loader, jar, problems);
        return new PluginScan(found, problems);
    }

    /** Instantiates one provider, turning anything it throws into a problem. */
    private static void load(ServiceLoader.Provider<SolverProvider> candidate, Path jar, ClassLoader loader,
                             List<DiscoveredProvider> found, List<PluginProblem> problems) {
        String className = candidate.type().getName();
        if (candidate.type().getClassLoader() != loader) {
            problems.add(new PluginProblem(jar, className, "the class is also on the application class path, which "
                    + "wins (parent-first); the JAR's copy is skipped"));
            return;
        }
        try {
            SolverProvider provider = candidate.get();
            provider.name(); // fail here, per provider, rather than in the module for everyone
            provider.aliases();
            found.add(new DiscoveredProvider(provider, PluginOrigin.jar(jar)));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // a plugin's constructor may throw anything, including LinkageErrors
            problems.add(new PluginProblem(jar, className, messageOf(e)));
        }
    }

    /** Class names in the JAR's service file, in order, per the {@link ServiceLoader} file format. */
    private static List<String> declaredProviders(JarFile file) throws IOException {
        JarEntry entry = file.getJarEntry(SERVICES);
        if (entry == null) return List.of();
        Set<String> names = new LinkedHashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!name.isEmpty()) names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** The longest declared class name occurring in {@code message}, or null. */
    private static String namedIn(String message, List<String> declared) {
        String best = null;
        for (String name : declared) {
            if (message != null && message.contains(name) && (best == null || name.length() > best.length())) best = name;
        }
        return best;
    }

    /** The error's message followed by its cause chain ("… could not be instantiated: java.lang.IllegalStateException: no key"). */
    private static String messageOf(Throwable e) {
        StringBuilder s = new StringBuilder(e.getMessage() != null ? e.getMessage() : e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) s.append(": ").append(c);
        return s.toString();
    }

    private static void close(URLClassLoader loader, Path jar, List<PluginProblem> problems) {
        try {
            loader.close();
        } catch (IOException e) {
            problems.add(new PluginProblem(jar, null, "cannot close its class loader: " + e));
        }
    }

    /** Loads classes parent-first but reads service files from its own JAR only. */
    private static final class PluginClassLoader extends URLClassLoader {
        PluginClassLoader(Path jar, ClassLoader parent) throws MalformedURLException {
            super("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        }

        @Override public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
        }
    }
}
