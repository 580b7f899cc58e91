/**
 * The model card: the {@code diffuse4j.json} sidecar beside a SavedModel that says how to sample it —
 * schedule, native prediction target, time-conditioning convention, preconditioning, data shape, class
 * conditioning — and how it was trained (command, seed, steps, objective, weighting, final loss).
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, VE noise level s = σ/α. The card is
 * read and written with Jackson in snake_case; unknown fields are an error naming the field, so a typo
 * in a hand-written card is caught rather than ignored.
 */
package org.diffuse4j.models.card;
