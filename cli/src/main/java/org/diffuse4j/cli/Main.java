package org.diffuse4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.runtime.PluginProblem;
import org.diffuse4j.runtime.SolverRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code diffuse4j} command line: sample, list, replay, conformance. */
@Command(name = "diffuse4j", mixinStandardHelpOptions = true, version = "diffuse4j 0.1.0",
        description = "Diffusion-model sampling for the JVM.",
        subcommands = {SampleCommand.class, ListCommand.class, ReplayCommand.class, ConformanceCommand.class, BenchCommand.class, TrainCommand.class})
public final class Main implements Runnable {
    @Option(names = "--plugins", paramLabel = "DIR", description = "Load solver plugins from every JAR in DIR (repeatable).")
    List<Path> plugins = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private SolverRuntime runtime;

    /** The solver runtime with the class path's and the plugin directories' providers (built once). */
    SolverRuntime runtime() {
        if (runtime == null) {
            runtime = SolverRuntime.create(plugins);
            for (PluginProblem p : runtime.problems()) System.err.println("warning: plugin skipped: " + p);
        }
        return runtime;
    }

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            org.diffuse4j.api.Tensor.kernelThreads(); // a malformed -Ddiffuse4j.kernelThreads fails here, by name
        } catch (org.diffuse4j.api.ConfigurationException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            if (System.getenv("DIFFUSE4J_DEBUG") != null) e.printStackTrace(commandLine.getErr());
            return 2;
        });
        return cl.execute(args);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
