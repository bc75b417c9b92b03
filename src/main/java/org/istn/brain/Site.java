package org.istn.brain;

/**
 * The two sites of the brain cohort. They image different random subjects and differ by their
 * {@link SiteProfile}: intensity profile (contrast curve, bias field, blur, noise) and pose.
 */
public enum Site {
    /** The source site. */
    S,
    /** The target site. */
    T;

    /** The folder name, the id prefix and the value of the manifests' {@code domain} column. */
    public String folder() {
        return name();
    }

    /** The option prefix of this site's profile: {@code s} or {@code t} (as in {@code --t-gamma}). */
    public String optionPrefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
