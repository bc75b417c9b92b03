package org.istn.config;

import java.util.Map;
import java.util.Optional;

/**
 * The adversarial game of domain adaptation: the ISTN and discriminator losses and the
 * discriminator's normalisation.
 *
 * @param gan       adversarial term of the ISTN loss ({@code gan_loss})
 * @param idt       identity term: an ISTN should leave target images unchanged ({@code idt_loss})
 * @param dis       discriminator loss ({@code dis_loss})
 * @param disNorm   the discriminator's normalisation ({@code dis_norm})
 * @param cyc       cycle-consistency term, bidirectional only ({@code cyc_loss})
 * @param cycWeight weight λ of the identity (λ/2) and cycle (λ) terms, &gt;= 0 ({@code cyc_weight})
 * @param taskWeight weight of the task loss on A2B in the ISTN loss, &gt;= 0; 0 keeps the reference's
 *                  stop-gradient ({@code task_weight})
 */
public record LossSettings(LossType gan, LossType idt, LossType dis, DiscriminatorNorm disNorm,
        Optional<LossType> cyc, double cycWeight, double taskWeight) {

    public LossSettings {
        Check.notNull("gan_loss", gan);
        Check.notNull("idt_loss", idt);
        Check.notNull("dis_loss", dis);
        Check.notNull("dis_norm", disNorm);
        Check.notNull("cyc_loss", cyc);
        Check.nonNegative("cyc_weight", cycWeight);
        Check.nonNegative("task_weight", taskWeight);
    }

    static LossSettings read(ConfigValues v, boolean bidirectional) {
        return new LossSettings(LossType.fromConfig("gan_loss", v.string("gan_loss")),
                LossType.fromConfig("idt_loss", v.string("idt_loss")),
                LossType.fromConfig("dis_loss", v.string("dis_loss")),
                DiscriminatorNorm.fromConfig("dis_norm", v.string("dis_norm")),
                bidirectional ? Optional.of(LossType.fromConfig("cyc_loss", v.string("cyc_loss")))
                        : Optional.empty(),
                v.number("cyc_weight"), v.number("task_weight"));
    }

    void putTo(Map<String, Object> m) {
        m.put("gan_loss", gan.configName());
        m.put("idt_loss", idt.configName());
        m.put("dis_loss", dis.configName());
        m.put("dis_norm", disNorm.configName());
        cyc.ifPresent(c -> m.put("cyc_loss", c.configName()));
        m.put("cyc_weight", cycWeight);
        m.put("task_weight", taskWeight);
    }
}
