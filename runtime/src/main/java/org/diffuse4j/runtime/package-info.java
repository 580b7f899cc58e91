/**
 * Assembly of an application's solvers: discovery with {@link java.util.ServiceLoader} on the class
 * path and in plugin JARs, Guice wiring into a {@code Map<String, SolverProvider>}, and the
 * {@link org.diffuse4j.runtime.SolverRegistry} that resolves ids and aliases.
 *
 * <p>Start-up order: {@link org.diffuse4j.runtime.PluginLoader} scans plugin paths (a broken plugin
 * becomes a {@link org.diffuse4j.runtime.PluginProblem}, never a crash), the
 * {@link org.diffuse4j.runtime.SolverPluginModule} validates ids and aliases eagerly (typed
 * exceptions naming both clashing classes) and binds the providers, Guice builds the registry.
 * {@link org.diffuse4j.runtime.SolverRuntime} does all three; Guice appears only in this package.
 *
 * <p>Notation: an <em>id</em> is a provider's {@code name()}, {@code [a-z][a-z0-9-]*}; a
 * <em>key</em> is an id or alias normalised for lookup (lower case, {@code '_'} read as {@code '-'}).
 */
package org.diffuse4j.runtime;
