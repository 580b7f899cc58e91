package org.diffuse4j.api;

import java.util.ArrayDeque;

/**
 * The memory of one sampling run: arrays of states the run has proven dead, handed to the next tensors the
 * run computes so that a step writes into memory that is already in cache instead of a fresh 128 KB
 * allocation (which costs more than the step's arithmetic, docs/benchmarks.md). {@link Sampler} installs one
 * per run on its thread, suspends it while the denoiser runs, and gives it arrays only of tensors it created
 * and then revoked ({@link Tensor#revoke}); any later read of a revoked tensor fails loudly.
 */
final class ArrayPool {
    private static final ThreadLocal<ArrayPool> CURRENT = new ThreadLocal<>();
    private static final int KEEP = 8;

    private final ArrayDeque<double[]> free = new ArrayDeque<>(KEEP);

    /** The pool of the run on this thread, or null. */
    static ArrayPool current() { return CURRENT.get(); }

    /** Makes {@code pool} (may be null) current on this thread; returns the one it replaces. */
    static ArrayPool install(ArrayPool pool) {
        ArrayPool before = CURRENT.get();
        if (pool == null) CURRENT.remove(); else CURRENT.set(pool);
        return before;
    }

    /** An array of length n with arbitrary contents (the caller overwrites every value), from {@code pool} if it can. */
    static double[] take(ArrayPool pool, int n) {
        if (pool != null) {
            for (int k = pool.free.size(); k > 0; k--) {
                double[] a = pool.free.pollFirst();
                if (a.length == n) return a;
                pool.free.addLast(a);
            }
        }
        return new double[n];
    }

    void give(double[] array) {
        if (free.size() == KEEP) free.pollFirst();
        free.addLast(array);
    }
}
