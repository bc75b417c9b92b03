#!/usr/bin/env bash
# Runs an istn command on a Spark standalone cluster with spark-submit: one GPU per executor, the
# Java 17 flags, the malloc settings and the ND4J off-heap caps. See docs/cluster.md.
set -euo pipefail
# shellcheck source=submit/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<EOF2
usage: submit/standalone.sh <istn command> [options]
  e.g. MASTER=spark://head:7077 submit/standalone.sh da-unidirectional --config my.conf --png
Runs spark-submit --master \$MASTER with org.istn.cli.IstnMain; the command and its options pass
through to istn. The workers must offer GPUs (spark.worker.resource.gpu.amount and
spark.worker.resource.gpu.discoveryScript in their spark-defaults.conf / SPARK_WORKER_OPTS).
Knobs (environment) [default]:
  MASTER                  master URL, spark://HOST:7077 (required)
  DEPLOY_MODE             client | cluster (cluster: the jar and the config must be
                          reachable from every worker, e.g. on HDFS)                  [client]
  GPU_DISCOVERY_SCRIPT    discovery script, at this path on every worker          [submit/gpu-discovery.sh of this checkout]
$(istn_common_knobs)
EOF2
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac

DEPLOY_MODE="${DEPLOY_MODE:-client}"
MASTER="${MASTER:-}"
GPU_DISCOVERY_SCRIPT="${GPU_DISCOVERY_SCRIPT:-$ISTN_HOME/submit/gpu-discovery.sh}"
istn_defaults
[[ "$MASTER" == spark://* ]] || istn_die "MASTER must be the standalone master URL spark://HOST:PORT, found '$MASTER'"
ISTN_ARGS+=(--master "$MASTER")
# standalone has no --num-executors: cap the cores the application takes to EXECUTORS executors
ISTN_ARGS+=(--total-executor-cores "$((EXECUTORS * EXECUTOR_CORES))")
istn_common_args "$GPU_DISCOVERY_SCRIPT" "$GPU_DISCOVERY_SCRIPT" ""
if [ "$DEPLOY_MODE" = client ]; then
  ISTN_CONFIG_IN_CWD=0
else
  ISTN_CONFIG_IN_CWD="a cluster-mode driver runs on a worker and cannot read it; give CONFIG=hdfs://... or use DEPLOY_MODE=client"
fi
istn_finish "$@"
