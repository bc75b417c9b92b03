package org.istn.morpho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** Zhang–Suen skeletons of thick shapes: one pixel wide, connected, holes kept. */
class MorphoSkeletonTest {

    @Test
    void thickBarGivesOneConnectedLineOnePixelWide() {
        int w = 60;
        int h = 30;
        for (int thickness : new int[] {5, 8, 11}) {
            boolean[] m = new boolean[w * h];
            int top = 10;
            for (int y = top; y < top + thickness; y++) {
                for (int x = 8; x < 52; x++) {
                    m[y * w + x] = true;
                }
            }
            boolean[] s = Skeleton.of(m, w, h);
            String pic = picture(s, w, h);
            assertNoFullTwoByTwo(s, w, h, pic);
            assertEquals(1, components(s, w, h, true, true), "8-connected components of the skeleton\n" + pic);
            for (int x = 8 + thickness; x < 52 - thickness; x++) {
                int n = 0;
                int row = -1;
                for (int y = 0; y < h; y++) {
                    if (s[y * w + x]) {
                        n++;
                        row = y;
                    }
                }
                assertEquals(1, n, "skeleton pixels in column " + x + " of a bar " + thickness + " thick\n" + pic);
                assertTrue(Math.abs(row - (top + (thickness - 1) / 2.0)) <= 1, "column " + x + " row " + row + "\n" + pic);
            }
            for (int i = 0; i < s.length; i++) {
                assertTrue(!s[i] || m[i], "skeleton outside the shape at " + i);
            }
        }
    }

    @Test
    void thickRingKeepsItsHole() {
        int n = 48;
        boolean[] m = new boolean[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x - 23.5, y - 23.5);
                m[y * n + x] = r >= 10 && r <= 17;
            }
        }
        boolean[] s = Skeleton.of(m, n, n);
        String pic = picture(s, n, n);
        assertNoFullTwoByTwo(s, n, n, pic);
        assertEquals(1, components(s, n, n, true, true), pic);
        // background (4-connected, dual of 8-connected foreground): outside and the hole
        assertEquals(2, components(s, n, n, false, false), "the ring's hole must survive\n" + pic);
        int count = 0;
        for (boolean b : s) {
            count += b ? 1 : 0;
        }
        // a closed curve of radius ≈ 13.5 has about 2π·13.5 ≈ 85 pixels (8-connected: fewer)
        assertTrue(count > 60 && count < 100, "skeleton pixels: " + count + "\n" + pic);
    }

    @Test
    void emptyAndSinglePixelImages() {
        assertFalse(Skeleton.of(new boolean[9], 3, 3)[4]);
        boolean[] one = new boolean[9];
        one[4] = true;
        assertTrue(Skeleton.of(one, 3, 3)[4], "an isolated pixel is its own skeleton");
    }

    private static void assertNoFullTwoByTwo(boolean[] s, int w, int h, String pic) {
        for (int y = 0; y + 1 < h; y++) {
            for (int x = 0; x + 1 < w; x++) {
                assertFalse(s[y * w + x] && s[y * w + x + 1] && s[(y + 1) * w + x] && s[(y + 1) * w + x + 1],
                        "2×2 block of skeleton at (" + x + ", " + y + ")\n" + pic);
            }
        }
    }

    /** Connected components of pixels with value {@code value}, 8- or 4-connected. */
    static int components(boolean[] s, int w, int h, boolean value, boolean eight) {
        boolean[] seen = new boolean[s.length];
        int comps = 0;
        for (int start = 0; start < s.length; start++) {
            if (s[start] != value || seen[start]) {
                continue;
            }
            comps++;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(start);
            seen[start] = true;
            while (!q.isEmpty()) {
                int p = q.poll();
                int px = p % w;
                int py = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int x = px + dx;
                        int y = py + dy;
                        if (x >= 0 && y >= 0 && x < w && y < h && s[y * w + x] == value && !seen[y * w + x]) {
                            seen[y * w + x] = true;
                            q.add(y * w + x);
                        }
                    }
                }
            }
        }
        return comps;
    }

    static String picture(boolean[] s, int w, int h) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sb.append(s[y * w + x] ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
