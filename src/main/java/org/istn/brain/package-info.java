/**
 * A 3D two-site cohort generated from a real brain (the Colin27 T1 template {@code ch2bet.nii.gz}):
 * per subject a random smooth B-spline deformation and a global scale of the template, resampled
 * once through the composed transform onto a small output grid; per site a pose, a contrast
 * curve, a multiplicative bias field, a blur and Rician noise; brain-size labels (volume in ml,
 * a balanced binary size class); the atomic writer of the cohort (NIfTI, TSV manifests, JSON
 * metadata, PNG preview). Entry point: {@link org.istn.brain.BrainCohort#build}.
 */
package org.istn.brain;
