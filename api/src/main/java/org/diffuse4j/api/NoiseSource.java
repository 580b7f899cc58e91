package org.diffuse4j.api;

/**
 * Standard-normal noise for one sampling run, drawn in order. Create one per run: a source counts
 * its draws and is not shared between threads.
 *
 * <p>{@link #seeded(long)} is counter-based: row r of draw k depends only on (seed, r + rowOffset, k),
 * so a sample is the same whatever the batch size, chunking or thread count.
 */
public interface NoiseSource {
    /** The next draw: a tensor of i.i.d. N(0, 1) values with the given shape. */
    Tensor gaussian(int... shape);

    /** How many draws were made so far. */
    long draws();

    /** Counter-based Gaussian noise from a seed. */
    static NoiseSource seeded(long seed) { return new SeededNoise(seed, 0); }

    /** Counter-based noise whose batch row r is global row r + rowOffset. */
    static NoiseSource seeded(long seed, long rowOffset) { return new SeededNoise(seed, rowOffset); }

    /** Replays recorded draws in consumption order; a draw of another size or one past the end is an error. */
    static NoiseSource replay(java.util.List<Tensor> draws) { return new ReplayedNoise(draws); }
}
