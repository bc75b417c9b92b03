package org.istn.config;

import java.util.Objects;

/**
 * One site (domain) of domain adaptation: a name for outputs and its two manifests. The
 * enclosing {@link DomainAdaptationSettings} checks that the manifests are set.
 *
 * @param name  the site's name in outputs ({@code siteA_name} / {@code siteB_name})
 * @param train manifest of the training subjects ({@code siteA_train} / {@code siteB_train})
 * @param val   manifest of the validation subjects ({@code siteA_val} / {@code siteB_val})
 */
public record SiteSettings(String name, String train, String val) {

    public SiteSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(val, "val");
    }
}
