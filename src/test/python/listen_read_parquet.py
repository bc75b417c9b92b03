"""Reads Parquet folders with pyarrow and prints, as one JSON object on stdout, each table:
{folder name: {"columns": [names], "types": [arrow types], "rows": [[values]...]}}, rows
sorted as stored. NaN stays NaN (JSON NaN), null is null.

Usage: python3 listen_read_parquet.py FOLDER...
Used by org.istn.train.listen.MetricsRecorderIT.
"""
import json
import os
import sys

try:
    import pyarrow.parquet as pq
except ImportError as e:  # the Java test turns this into a clear failure
    print(f"MISSING-PYTHON-MODULE: {e}")
    sys.exit(3)

out = {}
for path in sys.argv[1:]:
    table = pq.read_table(path)
    cols = table.column_names
    data = table.to_pydict()
    out[os.path.basename(path.rstrip("/"))] = {
        "columns": cols,
        "types": [str(t) for t in table.schema.types],
        "rows": [[data[c][i] for c in cols] for i in range(table.num_rows)],
    }
print(json.dumps(out))
