package org.diffuse4j.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an element-wise kernel over [0, n) on several cores: the calling thread takes the first part and helper
 * threads the others. A solver step at 1×4×64×64 streams several 128 KB arrays through the core's L2 cache and is
 * bound by that bandwidth (docs/benchmarks.md), so a second core with its own cache halves it. Each value is
 * computed by the same arithmetic whichever thread computes it, so results do not depend on the split.
 *
 * <p>Helpers spin for {@link #SPIN_NANOS} after their last part (steps follow each other within microseconds when
 * the denoiser is cheap) and then park, so that a network running between steps soon has the cores to itself. A
 * part no helper has started when the caller finishes its own is run by the caller, so a helper still waking up
 * never delays a step, and a second thread calling while the helpers are busy simply runs its kernel alone. The
 * helper count is {@code diffuse4j.kernelThreads} − 1 (system property; default: the available processors, at most
 * {@link #MAX_THREADS}; 1 turns the helpers off).
 */
final class Parallel {
    /** A kernel over a range of indices. */
    interface Range {
        void run(int lo, int hi);
    }

    /**
     * Below this many values (128 KB) a kernel runs on the calling thread: it takes ≤ 3 µs there, and handing out a
     * part (≥ 0.2 µs, more when a helper must be woken) would eat most of what a second core saves. With a network
     * denoiser between steps, splitting 8 000-value kernels cost 0.9 % of the run (docs/benchmarks.md).
     */
    static final int MIN_VALUES = 16_384;
    static final int MAX_THREADS = 4;
    private static final long SPIN_NANOS = 50_000;
    /** Parts start at multiples of this many values (one 64-byte cache line). */
    private static final int ALIGN = 8;

    /** A malformed {@code diffuse4j.kernelThreads}, reported by every kernel call (never silently replaced). */
    private static ConfigurationException misconfigured;
    private static final Helper[] HELPERS = start();
    private static final AtomicBoolean IN_USE = new AtomicBoolean();

    private Parallel() {}

    /** The number of threads a large kernel runs on, the caller included; a malformed property is reported here too. */
    static int threads() {
        if (misconfigured != null) throw misconfigured;
        return HELPERS.length + 1;
    }

    /** Runs {@code kernel} over [0, n), split over the calling thread and the free helpers. */
    static void run(int n, Range kernel) {
        if (misconfigured != null) throw misconfigured;
        int helpers = HELPERS.length;
        if (helpers == 0 || n < MIN_VALUES || !IN_USE.compareAndSet(false, true)) {
            kernel.run(0, n);
            return;
        }
        try {
            int parts = helpers + 1;
            Job job = new Job(kernel, n, parts);
            for (Helper helper : HELPERS) helper.post(job);
            job.runPart(0);
            for (int p = 1; p < parts; p++) { // parts no helper has started yet: run them here
                if (HELPERS[p - 1].retract(job)) job.runPart(p);
            }
            job.await(); // helpers never write into the arrays after this returns, even when a part failed
        } finally {
            IN_USE.set(false);
        }
    }

    private static Helper[] start() {
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        String configured = System.getProperty("diffuse4j.kernelThreads");
        if (configured != null) {
            int asked;
            try {
                asked = Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                asked = 0;
            }
            if (asked >= 1 && asked <= 64) {
                threads = asked;
            } else {
                misconfigured = new ConfigurationException("diffuse4j.kernelThreads", "(system property) must be a whole number"
                        + " from 1 to 64 (1: no helper threads), got '" + configured + "'");
                return new Helper[0];
            }
        }
        Helper[] helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) helpers[i] = new Helper(i + 1); // helper i runs part i + 1
        return helpers;
    }

    /** One call's parts: part p is [end(p − 1), end(p)), part 0 starts at 0. */
    private static final class Job {
        final Range kernel;
        final int n;
        final int parts;
        final AtomicInteger open;
        volatile Throwable failure;

        Job(Range kernel, int n, int parts) {
            this.kernel = kernel;
            this.n = n;
            this.parts = parts;
            this.open = new AtomicInteger(parts - 1);
        }

        int end(int p) {
            if (p >= parts - 1) return n;
            long e = (long) n * (p + 1) / parts;
            return (int) (e - e % ALIGN);
        }

        /** Runs part p; a failure is kept for {@link #await}. */
        void runPart(int p) {
            try {
                kernel.run(p == 0 ? 0 : end(p - 1), end(p));
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (p > 0) open.decrementAndGet();
            }
        }

        void await() {
            long start = 0;
            for (int spins = 0; open.get() > 0; spins++) {
                if ((spins & 255) != 255) {
                    Thread.onSpinWait();
                } else if (start == 0) {
                    start = System.nanoTime();
                } else if (System.nanoTime() - start > SPIN_NANOS) {
                    // the helper was preempted after taking its part: leave this core idle so the scheduler can run it here
                    LockSupport.parkNanos(SPIN_NANOS);
                }
            }
            Throwable t = failure;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }

    /** A daemon thread that runs the parts posted to it. */
    private static final class Helper implements Runnable {
        private static final VarHandle PENDING;

        static {
            try {
                PENDING = MethodHandles.lookup().findVarHandle(Helper.class, "pending", Job.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread thread;
        private final int part;
        private volatile Job pending;
        private volatile boolean parked;

        Helper(int part) {
            this.part = part;
            thread = new Thread(this, "diffuse4j-kernel-" + part);
            thread.setDaemon(true);
            thread.start();
        }

        /** Hands this helper's part of {@code job} to it, waking it if it sleeps. */
        void post(Job job) {
            pending = job;
            if (parked) LockSupport.unpark(thread);
        }

        /** Takes back a part this helper has not started; true when the caller must run it. */
        boolean retract(Job job) {
            return PENDING.compareAndSet(this, job, null);
        }

        @Override public void run() {
            long idleSince = System.nanoTime();
            for (;;) {
                Job job = pending;
                if (job != null) {
                    if (PENDING.compareAndSet(this, job, null)) {
                        job.runPart(part);
                        idleSince = System.nanoTime();
                    }
                    continue;
                }
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (pending == null) LockSupport.park(this);
                parked = false;
                idleSince = System.nanoTime();
            }
        }
    }
}
