/**
 * Morpho-MNIST style data for the domain-adaptation demo: the real MNIST IDX files (fetched,
 * cached and checksummed, or given by the user), stroke morphology at 4× resolution (Euclidean
 * distance transform, Zhang–Suen skeleton, disk erosion and dilation, stroke thickness), a pose
 * and an intensity change, and the writer of the two domains (thinned source, thickened target)
 * as NIfTI images with TSV manifests. Entry point: {@link org.istn.morpho.MorphoMnist#build}.
 */
package org.istn.morpho;
