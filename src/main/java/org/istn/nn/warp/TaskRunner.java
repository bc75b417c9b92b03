package org.istn.nn.warp;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent tasks {@code 0 … n-1} on a fork-join pool, or one after the other in the
 * calling thread. Which thread runs which task never changes a result: tasks write disjoint
 * memory, and reductions happen afterwards in a fixed order.
 */
final class TaskRunner {
    /** Below this many elements of work, forking costs more than it saves (measured: 28² x 64). */
    static final long MIN_PARALLEL_WORK = 1 << 17;

    private final ForkJoinPool pool;

    /** @param pool the pool to use; {@code null} runs everything in the calling thread */
    TaskRunner(ForkJoinPool pool) {
        this.pool = pool;
    }

    boolean isSequential() {
        return pool == null;
    }

    /**
     * Runs {@code task} for {@code 0 … tasks-1}; {@code work} (elements touched, roughly) decides
     * whether forking is worth it.
     */
    void run(int tasks, long work, IntConsumer task) {
        if (pool == null || tasks == 1 || work < MIN_PARALLEL_WORK) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
        } else if (isCommon()) {
            // a parallel stream started outside a pool runs in the common pool and the caller
            // helps, so two cores give two workers even though the common pool has one thread
            IntStream.range(0, tasks).parallel().forEach(task);
        } else {
            // a parallel stream started inside a pool's task stays in that pool
            pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(task)).join();
        }
    }

    private boolean isCommon() {
        return pool == ForkJoinPool.commonPool();
    }
}
