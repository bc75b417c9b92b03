package org.istn.config;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of {@code istn da-unidirectional} and {@code istn da-bidirectional}: adapt site A
 * (source, labelled) to site B (target) with one or two ISTNs, then train the task model on the
 * transformed source images.
 *
 * @param bidirectional two ISTNs and discriminators with cycle consistency, or one
 * @param siteA         the source site ({@code siteA_*}); its labels train the task model
 * @param siteB         the target site ({@code siteB_*})
 * @param taskModel     a trained task model to start from, or empty ({@code task_model}; 0 = none)
 * @param finetune      whether the S2T task model starts from {@code taskModel} ({@code finetune})
 * @param modelType     classifier or regressor ({@code model_type})
 * @param itn           whether the ISTN has an image transformer ({@code itn})
 * @param selection     which validation set picks the best model ({@code model_selection})
 * @param files         files copied into the run folder for the record ({@code files})
 * @param data          reading, preprocessing and augmentation
 * @param network       network sizes
 * @param stn           the spatial transformer
 * @param optim         training schedule
 * @param losses        ISTN and discriminator losses
 * @param run           seed and output location
 */
public record DomainAdaptationSettings(boolean bidirectional, SiteSettings siteA,
        SiteSettings siteB, Optional<String> taskModel, boolean finetune, ModelType modelType, boolean itn,
        ModelSelection selection, List<String> files,
        DataSettings data, NetworkSettings network, StnSettings stn, OptimSettings optim,
        LossSettings losses, RunSettings run) implements JobSettings {

    public DomainAdaptationSettings {
        Job job = bidirectional ? Job.DA_BIDIRECTIONAL : Job.DA_UNIDIRECTIONAL;
        Check.notNull("siteA", siteA);
        Check.notNull("siteB", siteB);
        Check.nonBlank("siteA_name", siteA.name());
        Check.required("siteA_train", siteA.train(), job);
        Check.required("siteA_val", siteA.val(), job);
        Check.nonBlank("siteB_name", siteB.name());
        Check.required("siteB_train", siteB.train(), job);
        Check.required("siteB_val", siteB.val(), job);
        Check.notNull("task_model", taskModel);
        if (finetune && taskModel.isEmpty()) {
            throw Check.fail("finetune", "finetune is true but task_model is none: fine-tuning starts"
                    + " from a trained task model, so set task_model to its path or set finetune to 0");
        }
        Check.notNull("model_type", modelType).checkClasses(Check.notNull("network", network).numClasses());
        if (!itn && stn.type() == StnType.NONE) {
            throw Check.fail("itn", "itn is false and stn is none: the transformer would do nothing; enable the ITN or choose an STN");
        }
        Check.notNull("model_selection", selection);
        files = List.copyOf(files);
        Check.notNull("data", data);
        Check.notNull("network", network);
        Check.notNull("stn", stn).checkAgainst(data.inputShape());
        Check.notNull("optim", optim);
        if (Check.notNull("losses", losses).cyc().isPresent() != bidirectional) {
            throw Check.fail("cyc_loss", "cyc_loss must be set for da-bidirectional and only for it");
        }
        Check.notNull("run", run);
    }

    @Override
    public Job job() {
        return bidirectional ? Job.DA_BIDIRECTIONAL : Job.DA_UNIDIRECTIONAL;
    }

    @Override
    public SortedMap<String, Object> toConfigMap() {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("siteA_name", siteA.name());
        m.put("siteA_train", siteA.train());
        m.put("siteA_val", siteA.val());
        m.put("siteB_name", siteB.name());
        m.put("siteB_train", siteB.train());
        m.put("siteB_val", siteB.val());
        m.put("task_model", taskModel.orElse(null));
        m.put("finetune", finetune);
        m.put("model_type", modelType.configName());
        m.put("itn", itn);
        m.put("model_selection", selection.configName());
        m.put("files", files);
        data.putTo(m, true);
        network.putTo(m);
        stn.putTo(m);
        optim.putTo(m);
        losses.putTo(m);
        run.putTo(m);
        return m;
    }

    static DomainAdaptationSettings read(ConfigValues v) {
        boolean bidirectional = v.job() == Job.DA_BIDIRECTIONAL;
        SiteSettings a = new SiteSettings(v.string("siteA_name"),
                v.optionalString("siteA_train").orElse(""), v.optionalString("siteA_val").orElse(""));
        SiteSettings b = new SiteSettings(v.string("siteB_name"),
                v.optionalString("siteB_train").orElse(""), v.optionalString("siteB_val").orElse(""));
        return new DomainAdaptationSettings(bidirectional, a, b, v.optionalString("task_model"),
                v.bool("finetune"), ModelType.fromConfig("model_type", v.string("model_type")), v.bool("itn"),
                ModelSelection.fromConfig("model_selection", v.string("model_selection")), v.strings("files"), DataSettings.read(v, true),
                NetworkSettings.read(v), StnSettings.read(v), OptimSettings.read(v),
                LossSettings.read(v, bidirectional), RunSettings.read(v));
    }
}
