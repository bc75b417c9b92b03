package org.istn.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.istn.data.Sample;

/**
 * A synthetic pair of 2D domains for training tests: domain A holds one or two Gaussian blobs on
 * a dark background (label: 1 when there are two blobs, else 0); domain B is the same kind of
 * image with a contrast and brightness change ({@code 0.5·x + 0.4}) and a shift of
 * {@code shift} pixels along x, so both an ITN and an STN have work.
 */
public final class TwoDomains {

    private TwoDomains() {}

    /** {@code n} images of the domain ({@code target} = B), ids {@code <prefix><i>}. */
    public static List<Sample> make(String prefix, int n, int size, boolean target, int shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[] img = new float[size * size];
            double cx = size * (0.35 + 0.3 * r.nextDouble());
            double cy = size * (0.35 + 0.3 * r.nextDouble());
            double sigma = size * (0.08 + 0.04 * r.nextDouble());
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double sx = target ? x - shift : x;
                    double v = Math.exp(-((sx - cx) * (sx - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                    if (label == 1) {
                        double cx2 = size - cx;
                        double cy2 = size - cy;
                        v += Math.exp(-((sx - cx2) * (sx - cx2) + (y - cy2) * (y - cy2)) / (2 * sigma * sigma));
                    }
                    double p = 2 * Math.min(v, 1) - 1; // [-1, 1]
                    img[y * size + x] = (float) (target ? 0.5 * p + 0.4 : p);
                }
            }
            out.add(new Sample(prefix + i, i + 1, new int[] {size, size}, img, label));
        }
        return out;
    }

    /**
     * Writes samples as NIfTI files ({@code <id>.nii.gz}) into {@code dir} with a TSV manifest
     * {@code <name>.tsv} (columns id, image, label); returns the manifest's path.
     */
    public static String write(List<Sample> samples, java.nio.file.Path dir, String name) throws java.io.IOException {
        StringBuilder tsv = new StringBuilder("id\timage\tlabel\n");
        java.nio.file.Files.createDirectories(dir);
        for (Sample s : samples) {
            java.nio.file.Files.write(dir.resolve(s.id() + ".nii.gz"), Fixtures.bytes(Fixtures.of(s.shape(), s.image()), true));
            tsv.append(s.id()).append('\t').append(s.id()).append(".nii.gz\t").append((int) s.label()).append('\n');
        }
        java.nio.file.Path m = dir.resolve(name + ".tsv");
        java.nio.file.Files.writeString(m, tsv.toString());
        return m.toString();
    }

    /** 2D images stacked into {@code depth} identical slices: 3D volumes with the same content and labels. */
    public static List<Sample> extrude(List<Sample> s, int depth) {
        List<Sample> out = new ArrayList<>();
        for (Sample x : s) {
            float[] v = new float[x.image().length * depth];
            for (int z = 0; z < depth; z++) {
                System.arraycopy(x.image(), 0, v, z * x.image().length, x.image().length);
            }
            out.add(new Sample(x.id(), x.line(), new int[] {x.shape()[0], x.shape()[1], depth}, v, x.label()));
        }
        return out;
    }

    /** Mean intensity of a set of images. */
    public static double mean(List<float[]> images) {
        double s = 0;
        long n = 0;
        for (float[] im : images) {
            for (float v : im) {
                s += v;
                n++;
            }
        }
        return s / n;
    }
}
