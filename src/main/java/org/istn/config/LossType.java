package org.istn.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A loss for the adversarial, identity and cycle terms ({@code gan_loss}, {@code idt_loss}, ...). */
public enum LossType {
    /** Binary cross-entropy on logits. */
    BCE("bce"),
    /** Mean squared error (least-squares GAN when used for gan_loss/dis_loss). */
    MSE("mse"),
    /** Mean absolute error. */
    L1("l1");

    private final String configName;

    LossType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files. */
    public String configName() {
        return configName;
    }

    /** Parses a config value (case-insensitive); an error lists the allowed names. */
    public static LossType fromConfig(String key, String value) {
        List<String> names = new ArrayList<>();
        for (LossType t : values()) {
            if (t.configName.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
            names.add(t.configName);
        }
        throw new SettingsException(key, key + " must be one of " + String.join(", ", names)
                + ", found \"" + value + "\"");
    }
}
