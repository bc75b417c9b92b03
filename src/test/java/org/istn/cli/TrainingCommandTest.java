package org.istn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training commands' checks that come before any Spark work. */
class TrainingCommandTest {

    @Test
    void resumeWithoutARunNameIsAUsageError() {
        for (String[] argv : new String[][] {
            {"train-task", "--resume", "--train_set", "a.tsv", "--test_set", "b.tsv"},
            {"da-unidirectional", "--resume", "--siteA_train", "a.tsv", "--siteA_val", "b.tsv", "--siteB_train",
                "c.tsv", "--siteB_val", "d.tsv"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = IstnMain.run(argv, Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(IstnMain.USAGE, code, err.toString());
            assertTrue(err.toString().contains("--resume continues the run in <output_dir>/<run_name>, but run_name"
                    + " is not set; give the interrupted run's folder name with --run_name NAME"), err.toString());
        }
    }
}
