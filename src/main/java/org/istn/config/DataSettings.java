package org.istn.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How manifest rows become samples: which columns to read, the target shape, normalisation,
 * augmentation, caching and what to do with unreadable rows. The manifests themselves belong to
 * the job records.
 *
 * @param labelKey          manifest column holding the label ({@code label_key})
 * @param imageColumn       manifest column holding the image path ({@code image_column})
 * @param idColumn          manifest column holding the subject id ({@code id_column})
 * @param normalizer        intensity normalisation ({@code normalizer})
 * @param inputShape        2 or 3 positive sizes the volumes are resampled to ({@code input_shape})
 * @param augmentation      training-time augmentation; {@link Augmentation#OFF} for inference
 * @param skipBad           skip unreadable rows and report them instead of failing ({@code skip_bad})
 * @param cacheStorageLevel Spark StorageLevel name for decoded volumes ({@code cache_storage_level})
 * @param numDatasetWorkers decoding threads per executor, 0 = one per core ({@code num_dataset_workers})
 */
public record DataSettings(String labelKey, String imageColumn, String idColumn,
        Normalizer normalizer, List<Integer> inputShape, Augmentation augmentation, boolean skipBad,
        String cacheStorageLevel, int numDatasetWorkers) {

    /** The names Spark's {@code StorageLevel.fromString} accepts. */
    public static final List<String> STORAGE_LEVELS = List.of("NONE", "DISK_ONLY", "DISK_ONLY_2",
            "DISK_ONLY_3", "MEMORY_ONLY", "MEMORY_ONLY_2", "MEMORY_ONLY_SER", "MEMORY_ONLY_SER_2",
            "MEMORY_AND_DISK", "MEMORY_AND_DISK_2", "MEMORY_AND_DISK_SER", "MEMORY_AND_DISK_SER_2",
            "OFF_HEAP");

    public DataSettings {
        Check.nonBlank("label_key", labelKey);
        Check.nonBlank("image_column", imageColumn);
        Check.nonBlank("id_column", idColumn);
        Check.notNull("normalizer", normalizer);
        inputShape = List.copyOf(inputShape);
        if (inputShape.size() != 2 && inputShape.size() != 3) {
            throw Check.fail("input_shape", "input_shape must have 2 or 3 entries (a 2D or 3D image),"
                    + " found " + inputShape);
        }
        Check.positiveInts("input_shape", inputShape);
        Check.notNull("augmentation", augmentation);
        String level = Check.notNull("cache_storage_level", cacheStorageLevel).trim().toUpperCase(Locale.ROOT);
        if (!STORAGE_LEVELS.contains(level)) {
            throw Check.fail("cache_storage_level", "cache_storage_level must be a Spark StorageLevel"
                    + " name (" + String.join(", ", STORAGE_LEVELS) + "), found \"" + cacheStorageLevel + "\"");
        }
        cacheStorageLevel = level;
        Check.atLeast("num_dataset_workers", numDatasetWorkers, 0);
    }

    /** 2 or 3. */
    public int dimensions() {
        return inputShape.size();
    }

    /** {@link #inputShape()} as a fresh array. */
    public int[] inputShapeArray() {
        return inputShape.stream().mapToInt(Integer::intValue).toArray();
    }

    static DataSettings read(ConfigValues v, boolean augmentable) {
        return new DataSettings(v.string("label_key"), v.string("image_column"), v.string("id_column"),
                Normalizer.fromConfig("normalizer", v.string("normalizer")), v.integers("input_shape"),
                augmentable ? Augmentation.read(v) : Augmentation.OFF, v.bool("skip_bad"),
                v.string("cache_storage_level"), v.integer("num_dataset_workers"));
    }

    void putTo(Map<String, Object> m, boolean augmentable) {
        m.put("label_key", labelKey);
        m.put("image_column", imageColumn);
        m.put("id_column", idColumn);
        m.put("normalizer", normalizer.configName());
        m.put("input_shape", inputShape);
        if (augmentable) {
            augmentation.putTo(m);
        }
        m.put("skip_bad", skipBad);
        m.put("cache_storage_level", cacheStorageLevel);
        m.put("num_dataset_workers", numDatasetWorkers);
    }
}
