package org.diffuse4j.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diffuse4j.conformance.AllProvidersConformance;
import org.diffuse4j.conformance.AllProvidersConformance.Found;
import org.diffuse4j.runtime.DiscoveredProvider;
import org.diffuse4j.runtime.PluginLoader;
import org.diffuse4j.runtime.PluginProblem;
import org.diffuse4j.runtime.PluginScan;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Runs the conformance kit, through the JUnit Platform launcher, on every solver provider in plugin JARs
 * and prints a per-solver table of checks with their measured figures. Exit 0 only if every check passes.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance kit on the solvers of plugin JARs (--plugins DIR before the command, or --jar FILE).")
final class ConformanceCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Option(names = "--jar", paramLabel = "FILE", description = "A plugin JAR to check (repeatable).")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--builtin", description = "Also check the solvers on the class path (the built-in ones).")
    boolean builtin;

    /** One row of the table. */
    record Row(String solver, String check, String status, String figure) {}

    @Override public Integer call() {
        List<Path> paths = new ArrayList<>(main.plugins);
        paths.addAll(jars);
        if (paths.isEmpty() && !builtin) {
            throw new IllegalArgumentException("jar: give plugin JARs with --jar FILE or --plugins DIR (or --builtin for the class path's solvers)");
        }
        List<Found> selection = new ArrayList<>();
        if (builtin) main.runtime().registry().providers().forEach(p -> selection.add(Found.of(p)));
        PluginScan scan = PluginLoader.forApplication().scan(paths);
        for (DiscoveredProvider p : scan.providers()) selection.add(Found.of(p.provider()));
        for (PluginProblem p : scan.problems()) {
            selection.add(Found.broken(p.providerClass() == null ? p.jar().getFileName().toString() : p.providerClass(),
                    p.jar().getFileName() + ": " + p.message()));
        }
        if (selection.isEmpty()) throw new IllegalArgumentException("jar: no solver providers found in " + paths);

        List<Row> rows = run(selection);
        print(rows);
        long failed = rows.stream().filter(r -> r.status().equals("FAIL")).count();
        long passed = rows.stream().filter(r -> r.status().equals("pass")).count();
        long skipped = rows.stream().filter(r -> r.status().equals("skip")).count();
        System.out.printf("%d passed, %d failed, %d skipped%n", passed, failed, skipped);
        return failed == 0 ? 0 : 1;
    }

    static List<Row> run(List<Found> selection) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, String> figures = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            private TestPlan plan;

            @Override public void testPlanExecutionStarted(TestPlan testPlan) { plan = testPlan; }

            @Override public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entry.getKeyValuePairs().forEach(figures::put);
            }

            /** The solver id: the container's display name up to " (class)". */
            private String solver(TestIdentifier test) {
                String name = plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("?");
                int paren = name.indexOf(" (");
                return paren < 0 ? name : name.substring(0, paren);
            }

            @Override public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) rows.put(id.getUniqueId(), new Row(solver(id), id.getDisplayName(), "skip", reason));
            }

            @Override public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) return;
                String solver = solver(id);
                String status = switch (result.getStatus()) {
                    case SUCCESSFUL -> "pass";
                    case ABORTED -> "skip";
                    case FAILED -> "FAIL";
                };
                String figure = figures.get(solver + "/" + id.getDisplayName());
                if (figure != null) figure = figure.substring(figure.indexOf(' ') + 1); // drop the status word
                if (!status.equals("pass") || figure == null) {
                    figure = result.getThrowable().map(Throwable::getMessage).orElse(figure == null ? "" : figure);
                }
                rows.put(id.getUniqueId(), new Row(solver, id.getDisplayName(), status, figure));
            }
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(AllProvidersConformance.class)).build();
        Launcher launcher = LauncherFactory.create();
        AllProvidersConformance.withSelection(selection, () -> launcher.execute(request, listener));
        return new ArrayList<>(rows.values());
    }

    private static void print(List<Row> rows) {
        System.out.printf("%-24s %-28s %-5s %s%n", "solver", "check", "", "measured");
        for (Row r : rows) {
            String fig = r.figure() == null ? "" : r.figure().replace('\n', ' ');
            if (fig.length() > 140) fig = fig.substring(0, 137) + "…";
            System.out.printf("%-24s %-28s %-5s %s%n", r.solver(), r.check(), r.status(), fig);
        }
    }
}
