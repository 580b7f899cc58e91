package org.diffuse4j.api;

/**
 * One step of a run, for traces and progress: its index, start and landing times, step size h in
 * half log-SNR (λ_next − λ), the order used and the model calls made so far.
 */
public record StepEvent(int index, int steps, double t, double tNext, double h, int order, int modelCalls) {}
