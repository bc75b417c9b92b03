package org.istn.spark;

import java.io.Serializable;

/**
 * Where each training sample of an epoch goes under parameter averaging: its minibatch, its
 * averaging round, its worker. Pure arithmetic, shared by the driver and the executors.
 *
 * <p>The epoch's shuffled samples (positions 0 … n−1) form minibatches of {@code batchSize}
 * consecutive positions, the last one possibly smaller. Minibatches are dealt out in rounds of
 * {@code workers × averagingFrequency}: in round r, minibatch k of the round goes to worker
 * {@code k mod W_r}, where {@code W_r = min(workers, minibatches in round r)}, so every worker of a
 * full round runs exactly {@code averagingFrequency} steps and the workers of the last round differ
 * by at most one step. Worker w of round r is Spark partition {@code r·workers + w}; within a
 * partition the minibatches run in position order.
 *
 * @param samples            samples in the epoch, &gt;= 1
 * @param batchSize          samples per minibatch (per worker step), &gt;= 1
 * @param workers            parallel workers, &gt;= 1
 * @param averagingFrequency minibatches per worker between two averages, &gt;= 1
 */
public record EpochLayout(long samples, int batchSize, int workers, int averagingFrequency) implements Serializable {
    private static final long serialVersionUID = 1L;

    public EpochLayout {
        if (samples < 1) {
            throw new IllegalArgumentException("an epoch needs at least one training sample, found " + samples);
        }
        if (batchSize < 1 || workers < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("batch_size, workers and averaging_frequency must be >= 1, found "
                    + batchSize + ", " + workers + ", " + averagingFrequency);
        }
        if ((samples + batchSize - 1) / batchSize + (long) workers * averagingFrequency > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many minibatches in one epoch: " + samples + " samples in batches of "
                    + batchSize);
        }
    }

    /** Minibatches in the epoch: ⌈samples / batchSize⌉. */
    public int minibatches() {
        return (int) ((samples + batchSize - 1) / batchSize);
    }

    private int perRound() {
        return workers * averagingFrequency;
    }

    /** Averaging rounds in the epoch. */
    public int rounds() {
        return (minibatches() + perRound() - 1) / perRound();
    }

    /** Spark partitions of the epoch's minibatch RDD: {@code rounds × workers} (some of the last round empty). */
    public int partitions() {
        return rounds() * workers;
    }

    /** Minibatches in round {@code r}. */
    public int minibatchesIn(int round) {
        checkRound(round);
        return Math.min(perRound(), minibatches() - round * perRound());
    }

    /** Workers that get data in round {@code r}: partitions {@code r·workers … r·workers + workersIn(r) − 1}. */
    public int workersIn(int round) {
        return Math.min(workers, minibatchesIn(round));
    }

    /** The most optimiser steps any worker runs in round {@code r}. */
    public int stepsIn(int round) {
        int m = minibatchesIn(round);
        int w = workersIn(round);
        return (m + w - 1) / w;
    }

    /** First partition of round {@code r}. */
    public int firstPartition(int round) {
        checkRound(round);
        return round * workers;
    }

    /** The partition that holds the sample at shuffled position {@code position}. */
    public int partitionOf(long position) {
        if (position < 0 || position >= samples) {
            throw new IllegalArgumentException("position " + position + " outside 0 .. " + (samples - 1));
        }
        int minibatch = (int) (position / batchSize);
        int round = minibatch / perRound();
        int k = minibatch % perRound();
        return round * workers + k % workersIn(round);
    }

    private void checkRound(int round) {
        if (round < 0 || round >= rounds()) {
            throw new IllegalArgumentException("round " + round + " outside 0 .. " + (rounds() - 1));
        }
    }
}
