"""Reads a brain demo's run folder and its cohort with pyarrow, numpy and nibabel, independently of the project.

Usage: python3 demo_brain_read_outputs.py RUN_DIR COHORT_DIR

Prints one JSON object:
- "accuracy": per inference run (task_s_on_S, task_s_on_T, task_s2t_on_T, task_s2t_selected_on_T)
  the fraction of subjects whose prediction equals the label in inference/predictions, and "n"
  the subjects;
- "auc": per run the area under the ROC curve of P(class 1) (probabilities[1]) against the labels, by
  the Mann-Whitney rank statistic (ties counted one half); null when one class is missing;
- "summary": the accuracy column of inference/summary per run, "summary_auc" its auc column;
- "explain_columns": the columns of da/metrics/explain.parquet with at least one value;
- "intensity": per site (S, T) the mean voxel value of its test images and their pooled
  histogram (20 bins over [0, 1], floor(20 v) clipped to 0..19, fractions), and "distance_S_T",
  the L1 distance between the two histograms.
Used by org.istn.demo.BrainDemoIT.
"""
import csv
import glob
import json
import os
import sys

try:
    import numpy as np
    import nibabel as nib
    import pyarrow.parquet as pq
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)


def parquet_files(folder):
    return sorted(glob.glob(os.path.join(folder, "**", "*.parquet"), recursive=True))


def rank_auc(p, y):
    pos = p[y == 1]
    neg = p[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return None
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(pos) * len(neg)))


def main(run, cohort):
    out = {"accuracy": {}, "auc": {}, "n": {}, "summary": {}, "summary_auc": {}, "intensity": {}}
    for name in ("task_s_on_S", "task_s_on_T", "task_s2t_on_T", "task_s2t_selected_on_T"):
        files = parquet_files(os.path.join(run, "inference", "predictions", "run_id=" + name))
        t = pq.ParquetDataset(files).read().to_pandas()
        out["accuracy"][name] = float((t["prediction"] == t["label"]).mean())
        p1 = np.array([float(p[1]) for p in t["probabilities"]])  # P(class 1); "probability" is the predicted class's
        out["auc"][name] = rank_auc(p1, t["label"].to_numpy(float))
        out["n"][name] = int(len(t))
    s = pq.ParquetDataset(parquet_files(os.path.join(run, "inference", "summary"))).read().to_pandas()
    if "run_id" not in s.columns:  # the partition column, when the reader leaves it out
        s["run_id"] = [os.path.basename(os.path.dirname(f)).split("=", 1)[1]
                       for f in parquet_files(os.path.join(run, "inference", "summary"))]
    for _, row in s.iterrows():
        out["summary"][row["run_id"]] = float(row["accuracy"])
        out["summary_auc"][row["run_id"]] = None if row["auc"] != row["auc"] else float(row["auc"])
    e = pq.ParquetDataset(parquet_files(os.path.join(run, "da", "metrics", "explain.parquet"))).read().to_pandas()
    out["explain_columns"] = sorted(c for c in e.columns if e[c].notna().any())
    hists = {}
    for site in ("S", "T"):
        folder = os.path.join(cohort, site)
        with open(os.path.join(folder, "test.tsv"), newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        total = 0.0
        count = 0
        hist = np.zeros(20)
        for r in rows:
            v = np.asarray(nib.load(os.path.join(folder, r["image"])).dataobj, dtype=np.float32).ravel()
            total += float(v.astype(np.float64).sum())
            count += v.size
            b = np.clip(np.floor(v * np.float32(20)), 0, 19).astype(int)
            hist += np.bincount(b, minlength=20)
        hists[site] = hist / count
        out["intensity"][site] = {"mean": total / count, "histogram": hists[site].tolist()}
    out["distance_S_T"] = float(np.abs(hists["S"] - hists["T"]).sum())
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
