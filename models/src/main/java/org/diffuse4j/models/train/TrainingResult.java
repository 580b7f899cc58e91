package org.diffuse4j.models.train;

import java.util.Arrays;

/**
 * What a training run produced.
 *
 * @param network     the architecture
 * @param weights     the trained weights
 * @param losses      the loss of every step
 * @param wallSeconds wall time of the optimisation
 */
public record TrainingResult(TrainableNetwork network, NetworkWeights weights, double[] losses, double wallSeconds) {
    public TrainingResult { losses = losses.clone(); }

    @Override public double[] losses() { return losses.clone(); }

    /** The last step's loss. */
    public double finalLoss() { return losses[losses.length - 1]; }

    /** Mean loss over the last 10 % of steps (at least one). */
    public double finalLossMean() {
        int n = Math.max(1, losses.length / 10);
        return Arrays.stream(losses, losses.length - n, losses.length).average().orElse(Double.NaN);
    }
}
