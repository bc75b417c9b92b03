package org.istn.train.listen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Replaces a small Parquet folder (one file) on any Hadoop filesystem so that readers never see
 * it half written: Spark writes the new table to a hidden sibling {@code .<name>.tmp-<uuid>}; the
 * old folder is renamed aside to {@code .<name>.old-<uuid>}, the new one renamed into place and the
 * old one deleted. Between the two renames the folder is briefly absent; a crash there leaves the
 * old folder aside, and {@link #recover} puts it back. Hidden names are skipped by Spark, pandas
 * and pyarrow when they read the parent folder.
 */
final class ParquetFolders {

    private ParquetFolders() {}

    /**
     * Writes the table's rows over {@code uri}, or deletes {@code uri} when there are none.
     *
     * @param spark the session that writes
     * @param conf the Hadoop configuration of the filesystem
     * @param uri the Parquet folder
     * @param table the rows and schema
     */
    static void replace(SparkSession spark, Configuration conf, String uri, MetricTables.Table table)
            throws IOException {
        Path target = new Path(uri);
        FileSystem fs = target.getFileSystem(conf);
        if (table.rows().isEmpty()) {
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot delete " + target + " (its table has no rows now)");
            }
            return;
        }
        String id = UUID.randomUUID().toString();
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + id);
        Path old = new Path(target.getParent(), "." + target.getName() + ".old-" + id);
        try {
            spark.sparkContext().setJobDescription("write " + target);
            spark.createDataFrame(table.rows(), table.schema()).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                    .parquet(tmp.toString());
        } catch (RuntimeException e) {
            fs.delete(tmp, true);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
        boolean hadOld = fs.exists(target);
        if (hadOld && !fs.rename(target, old)) {
            fs.delete(tmp, true);
            throw new IOException("cannot replace " + target + ": renaming it to " + old + " failed");
        }
        if (!fs.rename(tmp, target)) {
            if (hadOld) {
                fs.rename(old, target);
            }
            fs.delete(tmp, true);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
        if (hadOld) {
            fs.delete(old, true);
        }
    }

    /**
     * Rows with {@code epoch < beforeEpoch} of an existing Parquet folder; empty when it does not
     * exist.
     */
    static List<Row> readBefore(SparkSession spark, Configuration conf, String uri, int beforeEpoch)
            throws IOException {
        Path target = new Path(uri);
        if (!target.getFileSystem(conf).exists(target)) {
            return List.of();
        }
        try {
            spark.sparkContext().setJobDescription("read " + target);
            return spark.read().parquet(target.toString())
                    .where(functions.col(MetricTables.EPOCH).lt(beforeEpoch))
                    .orderBy(MetricTables.EPOCH).collectAsList();
        } catch (RuntimeException e) {
            throw new IOException("cannot read the earlier metrics " + target + ": " + e.getMessage(), e);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /**
     * Cleans up after a run that stopped while replacing {@code uri}: deletes its leftover
     * temporary folders and, if {@code uri} is missing but a copy set aside exists, moves the
     * newest copy back.
     */
    static void recover(Configuration conf, String uri) throws IOException {
        Path target = new Path(uri);
        FileSystem fs = target.getFileSystem(conf);
        Path parent = target.getParent();
        if (!fs.exists(parent)) {
            return;
        }
        String tmpPrefix = "." + target.getName() + ".tmp-";
        String oldPrefix = "." + target.getName() + ".old-";
        List<FileStatus> olds = new ArrayList<>();
        for (FileStatus s : fs.listStatus(parent)) {
            String name = s.getPath().getName();
            if (name.startsWith(tmpPrefix)) {
                fs.delete(s.getPath(), true);
            } else if (name.startsWith(oldPrefix)) {
                olds.add(s);
            }
        }
        olds.sort(Comparator.comparingLong(FileStatus::getModificationTime).reversed());
        for (int i = 0; i < olds.size(); i++) {
            if (i == 0 && !fs.exists(target)) {
                if (!fs.rename(olds.get(0).getPath(), target)) {
                    throw new IOException("cannot restore " + target + " from " + olds.get(0).getPath());
                }
            } else {
                fs.delete(olds.get(i).getPath(), true);
            }
        }
    }
}
