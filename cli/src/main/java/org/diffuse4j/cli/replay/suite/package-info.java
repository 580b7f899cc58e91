/**
 * Replay of diffusers' own scheduler tests (../shared/bench/diffusers-suite/cases.json): each case's scheduler class
 * and {@code config_full} become a diffuse4j grid and solver, run with the tests' dummy model and dummy tensors and,
 * for random cases, the recorded draws; a case that cannot be reproduced exactly is reported with the reason.
 *
 * <p>Notation: the solvers' state is the VP state x = α x₀ + σ ε; a σ-space scheduler's sample is y = x/α with
 * σ/α its {@code sigma}; a VP scheduler's sample is x itself. Grid levels carry the value the scheduler hands the
 * model as its timestep ({@link org.diffuse4j.api.NoiseLevel#modelTime()}). Everything runs in double precision, as
 * the float64 reference did.
 *
 * <p>Quirks of the tests (a loop that replaces the scheduler's state by {@code scale_model_input}'s output, a batch
 * step with per-row timesteps, a score-SDE loop that hands the model another schedule's σ) are reproduced here, on
 * the replay side; the solvers never see them.
 */
package org.diffuse4j.cli.replay.suite;
