package org.diffuse4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.diffuse4j.api.SolverOptions;
import org.diffuse4j.api.SolverProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * Runs the whole kit on every provider {@link ServiceLoader} finds with the thread's context class loader:
 * one container per provider, one test per check. A provider that fails to load is a failing test naming it.
 * Run it from a plugin build with surefire's {@code dependenciesToScan}, or with {@code diffuse4j conformance}.
 */
public class AllProvidersConformance {
    /** A provider to check, or (provider null) the name and error of one that could not be loaded. */
    public record Found(SolverProvider provider, String name, String problem) {
        public static Found of(SolverProvider provider) { return new Found(provider, provider.name(), null); }

        public static Found broken(String name, String problem) { return new Found(null, name, problem); }
    }

    private static final ThreadLocal<List<Found>> SELECTION = new ThreadLocal<>();

    /**
     * Runs {@code body} with the factory checking exactly {@code providers} instead of those ServiceLoader
     * finds (a launcher runs tests on the calling thread by default); {@code diffuse4j conformance} uses this
     * to check the providers of given plugin JARs and to report the ones that failed to load.
     */
    public static void withSelection(List<Found> providers, Runnable body) {
        SELECTION.set(List.copyOf(providers));
        try {
            body.run();
        } finally {
            SELECTION.remove();
        }
    }

    static List<Found> discover(ClassLoader loader) {
        List<Found> found = new ArrayList<>();
        var it = ServiceLoader.load(SolverProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) break;
                found.add(Found.of(it.next()));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                found.add(Found.broken("unloadable provider", e.getMessage()));
            }
        }
        return found;
    }

    @TestFactory
    Stream<DynamicNode> everyProviderPassesTheKit(TestReporter reporter) {
        List<Found> selected = SELECTION.get();
        List<Found> found = selected != null ? selected : discover(Thread.currentThread().getContextClassLoader());
        return found.stream().map(f -> node(f, reporter));
    }

    static DynamicNode node(Found f, TestReporter reporter) {
        if (f.provider() == null) {
            return DynamicContainer.dynamicContainer(f.name(), Stream.of(DynamicTest.dynamicTest("loads",
                    () -> Assertions.fail(f.name() + " failed to load: " + f.problem()))));
        }
        SolverProvider p = f.provider();
        Checks.Subject subject = new Checks.Subject(p, SolverOptions.NONE, Tolerances.defaultsFor(p.traits()));
        return DynamicContainer.dynamicContainer(p.name() + " (" + p.getClass().getName() + ")", Checks.ALL.stream().map(check ->
                DynamicTest.dynamicTest(check, () -> {
                    CheckResult r = Checks.run(check, subject);
                    reporter.publishEntry(p.name() + "/" + check, r.status() + " " + r.figure());
                    switch (r.status()) {
                        case PASSED -> { }
                        case SKIPPED -> Assumptions.abort(r.detail());
                        case FAILED -> Assertions.fail(p.name() + " " + r.describe());
                    }
                })));
    }
}
