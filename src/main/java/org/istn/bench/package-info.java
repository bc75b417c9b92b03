/**
 * Benchmarks of the networks on this machine's CPUs: workloads (one network, one input
 * setting, forward and forward+backward), step timing that notices other processes competing
 * for the CPU, memory probes, per-op profiling and the Markdown report. Used by
 * {@code istn bench}; nothing here is needed for training.
 */
package org.istn.bench;
