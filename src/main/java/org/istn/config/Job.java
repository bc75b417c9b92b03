package org.istn.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The four configurable jobs of the workflow, each with its command name and the base name of
 * its default configuration ({@code conf/<confName>.conf}, shipped inside the jar).
 */
public enum Job {
    /** Train the task model on the source site. */
    TRAIN_TASK("train-task", "task_training"),
    /** Train one ISTN S→T and a discriminator, then the task model on S2T. */
    DA_UNIDIRECTIONAL("da-unidirectional", "train_unidirectional"),
    /** Train two ISTNs and two discriminators (CycleGAN-like), then the task model on S2T. */
    DA_BIDIRECTIONAL("da-bidirectional", "train_bidirectional"),
    /** Evaluate a task model, optionally behind a trained ITN and STN. */
    INFER("infer", "inference");

    private final String command;
    private final String confName;

    Job(String command, String confName) {
        this.command = command;
        this.confName = confName;
    }

    /** The command name, as typed after {@code istn}. */
    public String command() {
        return command;
    }

    /** The base name of the default configuration file, e.g. {@code task_training}. */
    public String confName() {
        return confName;
    }

    /** The classpath resource holding this job's defaults, e.g. {@code conf/task_training.conf}. */
    public String defaultsResource() {
        return "conf/" + confName + ".conf";
    }

    /** Every configuration key this job accepts, sorted; any other key is an error. */
    public SortedSet<String> keys() {
        List<String> k = new ArrayList<>(Keys.RUN);
        k.addAll(Keys.DATA);
        k.addAll(Keys.NETWORK);
        switch (this) {
            case TRAIN_TASK -> {
                k.addAll(List.of("train_set", "test_set", "dataset_name", "model_type"));
                k.addAll(Keys.AUGMENTATION);
                k.addAll(Keys.OPTIM);
            }
            case DA_UNIDIRECTIONAL, DA_BIDIRECTIONAL -> {
                k.addAll(List.of("siteA_name", "siteA_train", "siteA_val", "siteB_name",
                        "siteB_train", "siteB_val", "task_model", "finetune", "files", "model_type", "itn", "model_selection"));
                k.addAll(Keys.AUGMENTATION);
                k.addAll(Keys.STN);
                k.addAll(Keys.OPTIM);
                k.addAll(Keys.LOSSES);
                if (this == DA_BIDIRECTIONAL) {
                    k.add("cyc_loss");
                }
            }
            case INFER -> {
                k.addAll(List.of("test_set", "dataset_name", "task_model", "itn_path", "stn_path",
                        "thresholds", "batch_size"));
                k.addAll(Keys.STN);
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(k));
    }

    /** The job whose command name is {@code command}, or an error listing the valid names. */
    public static Job fromCommand(String command) {
        for (Job j : values()) {
            if (j.command.equals(command)) {
                return j;
            }
        }
        List<String> names = new ArrayList<>();
        for (Job j : values()) {
            names.add(j.command);
        }
        throw new IllegalArgumentException("unknown job '" + command + "'; expected one of "
                + String.join(", ", names));
    }

    /** Every key of every job, sorted. */
    public static SortedSet<String> allKeys() {
        SortedSet<String> all = new TreeSet<>();
        for (Job j : values()) {
            all.addAll(j.keys());
        }
        return Collections.unmodifiableSortedSet(all);
    }

    /** Key groups shared by several jobs; each group is read by one settings record. */
    static final class Keys {
        static final List<String> RUN = List.of("seed", "output_dir", "run_name");
        static final List<String> DATA = List.of("label_key", "image_column", "id_column",
                "normalizer", "input_shape", "skip_bad", "cache_storage_level",
                "num_dataset_workers");
        static final List<String> AUGMENTATION = List.of("augmentation",
                "augmentation_max_shift", "augmentation_flip");
        static final List<String> NETWORK = List.of("nf", "num_classes");
        static final List<String> STN = List.of("stn", "max_displacement", "cp_spacing");
        static final List<String> OPTIM = List.of("learning_rate", "batch_size", "epochs",
                "val_interval", "early_stopping_epochs", "averaging_frequency");
        static final List<String> LOSSES = List.of("gan_loss", "idt_loss", "dis_loss", "dis_norm",
                "cyc_weight", "task_weight");

        private Keys() {}
    }
}
