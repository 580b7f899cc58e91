package org.diffuse4j.api;

import java.util.Set;

/**
 * Service-provider interface for solvers, found with {@link java.util.ServiceLoader}. Register an
 * implementation in {@code META-INF/services/org.diffuse4j.api.SolverProvider}. Implementations need a
 * public no-argument constructor, must be cheap to instantiate and must not do I/O.
 */
@ExtensionPoint
public interface SolverProvider {
    /** Stable id, {@code [a-z][a-z0-9-]*}, e.g. "dpmpp-2m". Never changes once released. */
    String name();

    /** Other names users know the solver by (diffusers class, k-diffusion / ComfyUI name). */
    default Set<String> aliases() { return Set.of(); }

    /** What the solver declares about itself. */
    SolverTraits traits();

    /**
     * Creates a solver for the grid and options in {@code config}.
     *
     * @throws ConfigurationException if {@code config} asks for something unsupported (naming it)
     */
    Solver<?> create(SolverConfig config);
}
