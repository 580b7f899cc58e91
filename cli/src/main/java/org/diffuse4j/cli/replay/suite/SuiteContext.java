package org.diffuse4j.cli.replay.suite;

import java.nio.file.Path;
import java.util.function.Function;
import org.diffuse4j.api.SolverProvider;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * What a case's replay needs besides the case: the solver providers (the CLI resolves ids through the runtime
 * registry) and the directory of cases.json (the noise traces live beside it).
 */
record SuiteContext(Function<String, SolverProvider> solvers, Path suiteDir) {
    /** The provider of a solver id, or a refusal naming the missing solver. */
    SolverProvider solver(String id) {
        SolverProvider p;
        try {
            p = solvers.apply(id);
        } catch (RuntimeException e) {
            throw new ReplayException("solver '" + id + "' is not available: " + e.getMessage());
        }
        if (p == null) throw new ReplayException("solver '" + id + "' is not available");
        return p;
    }

    /** True when a solver id resolves to a provider. */
    boolean has(String id) {
        try {
            return solvers.apply(id) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
