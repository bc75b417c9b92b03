/**
 * Spark plumbing shared by the jobs: session creation, Kryo registrations, and parameter-averaging
 * training of the 2D DL4J task models with dl4j-spark ({@link org.istn.spark.Dl4jSparkTrainer}).
 */
package org.istn.spark;
