/**
 * The project's own NIfTI-1/NIfTI-2 codec: single-file {@code .nii} volumes, gzipped or not, read
 * from any {@link java.io.InputStream} and written to any {@link java.io.OutputStream} (so the
 * same code serves local files, HDFS and S3 streams on Spark executors).
 *
 * <p>Contract: {@link org.istn.io.nifti.NiftiReader} and {@link org.istn.io.nifti.NiftiWriter};
 * values: {@link org.istn.io.nifti.NiftiVolume} (float32 voxels, x fastest),
 * {@link org.istn.io.nifti.NiftiHeader} (with {@code affine()} as nibabel computes it),
 * {@link org.istn.io.nifti.NiftiDatatype}, {@link org.istn.io.nifti.NiftiWriteOptions};
 * errors: {@link org.istn.io.nifti.NiftiFormatException}, whose message starts with the source
 * name. The binary layouts, voxel conversion and affine arithmetic are package-private.
 *
 * <p>Behaviour is checked against nibabel: data as {@code get_fdata(dtype=float32)}, shape,
 * zooms and {@code img.affine}. Only one volume per file (2D, 3D, or 4D with a single volume);
 * header/image pairs, complex and RGB data are rejected with a clear message.
 */
package org.istn.io.nifti;
