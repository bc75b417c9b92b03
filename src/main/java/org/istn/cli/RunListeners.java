package org.istn.cli;

import java.util.List;
import org.istn.train.TrainingListener;
import org.istn.train.listen.TrainingListeners;

/** The listeners a training command attaches to its run, from its flags ({@code --png}, {@code --nii}). */
final class RunListeners {

    private RunListeners() {}

    static List<TrainingListener> standard(CommandLineArgs args) {
        return List.of(TrainingListeners.standard(args.isSet("png"), args.isSet("nii")));
    }
}
