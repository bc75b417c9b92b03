package org.istn.config;

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
        return Check.oneOf(key, value, values(), LossType::configName, ", ");
    }
}
