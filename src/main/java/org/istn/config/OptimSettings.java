package org.istn.config;

import java.util.Map;

/**
 * The training schedule.
 *
 * @param learningRate        Adam learning rate, &gt; 0 ({@code learning_rate})
 * @param batchSize           samples per step on each executor, &gt;= 1 ({@code batch_size})
 * @param epochs              passes over the training data, &gt;= 1 ({@code epochs})
 * @param valInterval         validate every this many epochs, &gt;= 1 ({@code val_interval})
 * @param earlyStoppingEpochs stop after this many validations without improvement; 0 never
 *                            stops early ({@code early_stopping_epochs})
 * @param averagingFrequency  local steps per executor between parameter averages, &gt;= 1
 *                            ({@code averaging_frequency})
 */
public record OptimSettings(double learningRate, int batchSize, int epochs, int valInterval,
        int earlyStoppingEpochs, int averagingFrequency) {

    public OptimSettings {
        Check.positive("learning_rate", learningRate);
        Check.atLeast("batch_size", batchSize, 1);
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("val_interval", valInterval, 1);
        Check.atLeast("early_stopping_epochs", earlyStoppingEpochs, 0);
        Check.atLeast("averaging_frequency", averagingFrequency, 1);
    }

    static OptimSettings read(ConfigValues v) {
        return new OptimSettings(v.number("learning_rate"), v.integer("batch_size"),
                v.integer("epochs"), v.integer("val_interval"), v.integer("early_stopping_epochs"),
                v.integer("averaging_frequency"));
    }

    void putTo(Map<String, Object> m) {
        m.put("learning_rate", learningRate);
        m.put("batch_size", batchSize);
        m.put("epochs", epochs);
        m.put("val_interval", valInterval);
        m.put("early_stopping_epochs", earlyStoppingEpochs);
        m.put("averaging_frequency", averagingFrequency);
    }
}
