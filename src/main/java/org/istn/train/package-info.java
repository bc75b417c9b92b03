/** Training: optimisers and, later, the training steps, early stopping and checkpoints. */
package org.istn.train;
