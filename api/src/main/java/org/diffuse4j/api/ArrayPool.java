package org.diffuse4j.api;

import java.util.ArrayDeque;

/**
 * The memory of one sampling run: arrays of states the run has proven dead, handed to the next tensors the
 * run computes so that a step writes into memory that is already in cache instead of a fresh 128 KB
 * allocation (which costs more than the step's arithmetic, docs/benchmarks.md). {@link Sampler} installs one
 * per run on its thread, suspends it while the denoiser runs, and gives it arrays only of tensors it created
 * and then revoked ({@link Tensor#revokeInto}); any later read of a revoked tensor fails loudly. When a run ends,
 * its free arrays (with the states it no longer returns) wait on the thread for the next run (at most {@link #KEEP}
 * arrays and {@link #STASH_VALUES} values), so that repeated runs do not start with fresh allocations either: a
 * third-order UniPC run holds six arrays at a time.
 */
final class ArrayPool {
    private static final ThreadLocal<ArrayPool> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<ArrayDeque<double[]>> STASH = ThreadLocal.withInitial(ArrayDeque::new);
    static final int KEEP = 8;
    /** At most this many doubles (64 MB) wait on a thread between runs. */
    static final long STASH_VALUES = 8L << 20;

    private final ArrayDeque<double[]> free = new ArrayDeque<>(KEEP);

    /** A pool for a new run, with the arrays the last run on this thread left over. */
    static ArrayPool open() {
        ArrayPool pool = new ArrayPool();
        ArrayDeque<double[]> stash = STASH.get();
        while (!stash.isEmpty()) pool.free.addLast(stash.pollFirst());
        return pool;
    }

    /** Ends the run: its free arrays (no tensor refers to them) wait for the next run on this thread. */
    void close() {
        ArrayDeque<double[]> stash = STASH.get();
        long values = 0;
        while (!free.isEmpty() && stash.size() < KEEP && values + free.peekLast().length <= STASH_VALUES) {
            values += free.peekLast().length;
            stash.addLast(free.pollLast());
        }
        free.clear();
    }

    /** The pool of the run on this thread, or null. */
    static ArrayPool current() { return CURRENT.get(); }

    /** Makes {@code pool} (may be null) current on this thread; returns the one it replaces. */
    static ArrayPool install(ArrayPool pool) {
        ArrayPool before = CURRENT.get();
        CURRENT.set(pool);
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
