package org.istn.morpho;

/**
 * Skeleton of a binary image by Zhang–Suen thinning (T. Y. Zhang and C. Y. Suen, "A fast
 * parallel algorithm for thinning digital patterns", CACM 27(3), 1984): two alternating
 * sub-iterations delete, in parallel, boundary pixels whose removal keeps the shape's
 * connectivity, until none changes. The result is (nearly everywhere) one pixel wide and
 * 8-connected where the shape was. Pixels outside the image count as background.
 */
public final class Skeleton {

    private Skeleton() {}

    /** The skeleton of {@code mask} (row-major, width {@code w}); the input is not changed. */
    public static boolean[] of(boolean[] mask, int w, int h) {
        if (mask.length != w * h) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + w + "×" + h);
        }
        boolean[] s = mask.clone();
        int[] marked = new int[w * h];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int step = 0; step < 2; step++) {
                int m = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (s[y * w + x] && deletable(s, w, h, x, y, step)) {
                            marked[m++] = y * w + x;
                        }
                    }
                }
                for (int i = 0; i < m; i++) {
                    s[marked[i]] = false;
                }
                changed |= m > 0;
            }
        }
        return s;
    }

    /** Zhang–Suen's test; neighbours p2..p9 run clockwise from north. */
    private static boolean deletable(boolean[] s, int w, int h, int x, int y, int step) {
        int p2 = at(s, w, h, x, y - 1);
        int p3 = at(s, w, h, x + 1, y - 1);
        int p4 = at(s, w, h, x + 1, y);
        int p5 = at(s, w, h, x + 1, y + 1);
        int p6 = at(s, w, h, x, y + 1);
        int p7 = at(s, w, h, x - 1, y + 1);
        int p8 = at(s, w, h, x - 1, y);
        int p9 = at(s, w, h, x - 1, y - 1);
        int b = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
        if (b < 2 || b > 6) {
            return false;
        }
        int a = up(p2, p3) + up(p3, p4) + up(p4, p5) + up(p5, p6) + up(p6, p7) + up(p7, p8) + up(p8, p9)
                + up(p9, p2);
        if (a != 1) {
            return false;
        }
        return step == 0
                ? p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0
                : p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0;
    }

    private static int up(int from, int to) {
        return from == 0 && to == 1 ? 1 : 0;
    }

    private static int at(boolean[] s, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && s[y * w + x] ? 1 : 0;
    }
}
