package org.diffuse4j.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.diffuse4j.api.ConfigurationException;
import org.diffuse4j.api.SolverProvider;

/**
 * The assembled solver runtime: the class path's providers plus those of plugin directories and JARs,
 * bound by {@link SolverPluginModule} and served by a {@link SolverRegistry} that Guice builds. The
 * only place in diffuse4j that creates an {@link Injector}.
 *
 * <pre>{@code
 * SolverRuntime runtime = SolverRuntime.create(List.of(Path.of("plugins")));
 * runtime.problems().forEach(p -> log.warn("plugin skipped: {}", p));
 * Solver<?> solver = runtime.registry().create("dpmpp_2m", config);
 * }</pre>
 *
 * @param registry the installed solvers
 * @param problems plugin JARs and providers that could not be loaded and were skipped
 */
public record SolverRuntime(SolverRegistry registry, List<PluginProblem> problems) {
    public SolverRuntime {
        if (registry == null) throw new ConfigurationException("registry", "is required");
        problems = List.copyOf(problems);
    }

    /** Class-path providers (found by the api's class loader) plus every plugin under {@code pluginDirsOrJars}. */
    public static SolverRuntime create(Collection<Path> pluginDirsOrJars) {
        ClassLoader application = SolverProvider.class.getClassLoader();
        return create(application, new PluginLoader(application), pluginDirsOrJars);
    }

    /**
     * Class-path providers visible to {@code classpath} plus the plugins {@code plugins} finds.
     *
     * @throws ConfigurationException if a plugin path is missing or unusable, an id is invalid
     *         (naming the class), or ids or aliases clash ({@link DuplicateSolverException}, naming both)
     * @throws java.util.ServiceConfigurationError if a class-path provider is broken (naming the class)
     */
    public static SolverRuntime create(ClassLoader classpath, PluginLoader plugins, Collection<Path> pluginDirsOrJars) {
        PluginScan scan = plugins.scan(pluginDirsOrJars);
        List<DiscoveredProvider> all = new ArrayList<>(SolverPluginModule.fromClasspath(classpath).providers());
        all.addAll(scan.providers());
        SolverPluginModule module = SolverPluginModule.of(all); // validates before Guice: typed errors
        Injector injector = Guice.createInjector(Stage.PRODUCTION, module);
        return new SolverRuntime(injector.getInstance(SolverRegistry.class), scan.problems());
    }
}
