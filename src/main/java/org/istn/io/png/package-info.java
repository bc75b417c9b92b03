/**
 * Pictures of a training run as PNG files, drawn with plain Java2D and ImageIO in headless mode
 * (no display, no native image library): grey-level images of float data
 * ({@link org.istn.io.png.GrayWindow}, {@link org.istn.io.png.PngImages}), a blue–white–red map
 * for signed differences ({@link org.istn.io.png.DivergingColorMap}), labelled grids of equally
 * sized tiles ({@link org.istn.io.png.ImageGrid}) and line plots of named series
 * ({@link org.istn.io.png.LinePlot}). {@link org.istn.io.png.PngImages#write} writes atomically to
 * any Hadoop filesystem path.
 *
 * <p>Images are float arrays in NIfTI order (x fastest, {@link org.istn.io.png.FloatImage}); the
 * PNG's column is x and its row is y, as numpy's {@code imshow(a.T)} shows a nibabel array.
 * Text needs a font: where the JVM has none (a bare cluster node), labels are left out with one
 * warning and the images are still written.
 */
package org.istn.io.png;
