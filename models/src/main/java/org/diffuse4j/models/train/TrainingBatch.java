package org.diffuse4j.models.train;

/**
 * One optimiser step's inputs, all computed in Java: the network input, its time input and labels, and
 * the regression pred = skip + cOut·F(xIn, τ, label) ≈ y with per-example weights.
 *
 * @param rows   batch size B
 * @param xIn    network input, B × d
 * @param tau    time input, B
 * @param labels labels, B (null for an unconditional network)
 * @param skip   additive term of the prediction, B × d (0 without preconditioning)
 * @param cOut   output scale, B (1 without preconditioning)
 * @param y      regression target, B × d
 * @param weight loss weight, B
 */
public record TrainingBatch(int rows, float[] xIn, float[] tau, int[] labels, float[] skip, float[] cOut, float[] y, float[] weight) {}
