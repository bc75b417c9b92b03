/** Samples and their preparation: preprocessing (resampling, normalisation), seeded augmentation, labels, and the Spark loader that turns a manifest into a cached RDD of samples. */
package org.istn.data;
