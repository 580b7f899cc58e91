package org.diffuse4j.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.List;
import java.util.ServiceLoader;
import org.diffuse4j.api.SolverProvider;

/**
 * Binds solver providers into {@code Map<String, SolverProvider>} keyed by {@link SolverProvider#name()},
 * and where each came from into {@code Map<String, PluginOrigin>} under the same keys (style guide §4).
 *
 * <p>Ids and aliases are validated when the module is constructed, not in {@link #configure()}: an
 * invalid id fails with a {@link org.diffuse4j.api.ConfigurationException} naming the class, and a
 * duplicate id or clashing alias with a {@link DuplicateSolverException} naming both classes, instead
 * of Guice's generic duplicate-binding error. Discovery happens outside the module, which binds a
 * fixed list, so tests pass their own.
 */
public final class SolverPluginModule extends AbstractModule {
    private final SolverIndex index;

    /** Binds {@code providers}, all recorded as found on the class path. */
    public SolverPluginModule(List<? extends SolverProvider> providers) {
        this(new SolverIndex(providers.stream().map(DiscoveredProvider::onClasspath).toList()));
    }

    private SolverPluginModule(SolverIndex index) { this.index = index; }

    /** Binds providers with their recorded origins (class path and plugin JARs together). */
    public static SolverPluginModule of(List<DiscoveredProvider> providers) {
        return new SolverPluginModule(new SolverIndex(providers));
    }

    /**
     * Binds every provider registered in {@code META-INF/services/org.diffuse4j.api.SolverProvider}
     * visible to {@code loader}. The class path belongs to the application, so a broken entry there
     * fails loudly (the {@link java.util.ServiceConfigurationError} names the class); plugin JARs,
     * which are tolerated one by one, go through {@link PluginLoader}.
     */
    public static SolverPluginModule fromClasspath(ClassLoader loader) {
        return new SolverPluginModule(ServiceLoader.load(SolverProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** The providers this module binds, in id order. */
    public List<DiscoveredProvider> providers() { return List.copyOf(index.providers()); }

    @Override protected void configure() {
        MapBinder<String, SolverProvider> byName = MapBinder.newMapBinder(binder(), String.class, SolverProvider.class);
        MapBinder<String, PluginOrigin> origins = MapBinder.newMapBinder(binder(), String.class, PluginOrigin.class);
        for (DiscoveredProvider d : index.providers()) {
            byName.addBinding(d.provider().name()).toInstance(d.provider());
            origins.addBinding(d.provider().name()).toInstance(d.origin());
        }
    }
}
