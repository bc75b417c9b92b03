package org.istn.train.listen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The order in which named figures are shown: a preferred order first, then the rest by name. */
final class LossOrder {

    private LossOrder() {}

    /** @return the names of {@code present} in {@code preferred}'s order, then the others sorted */
    static List<String> of(List<String> preferred, Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String name : preferred) {
            if (present.contains(name) && !out.contains(name)) {
                out.add(name);
            }
        }
        for (String name : new TreeSet<>(present)) {
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
