package org.istn.io.hadoop;

import java.io.Serializable;
import org.istn.io.nifti.NiftiVolume;

/**
 * What {@link NiftiInputFormat} yields for one file: the decoded volume, or, when the format is
 * told to collect errors instead of failing, the reason the file could not be decoded.
 *
 * @param path the file's full URI
 * @param volume the decoded volume, {@code null} when {@code error} is set
 * @param error the decoding error (message names the file), {@code null} on success
 * @param fileBytes the file's size on its filesystem (compressed size for .nii.gz)
 */
public record VolumeRecord(String path, NiftiVolume volume, String error, long fileBytes)
        implements Serializable {

    public boolean ok() {
        return error == null;
    }
}
