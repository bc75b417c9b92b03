package org.istn.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the known name closest to a mistyped one ("did you mean ...?"). */
public final class ClosestMatch {

    private ClosestMatch() {}

    /**
     * The name in {@code known} with the smallest case-insensitive edit distance to
     * {@code typed}, if that distance is small enough to be a plausible typo (at most 2, or a
     * third of the length for longer names); ties go to the first name in iteration order.
     */
    public static Optional<String> among(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(t, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
