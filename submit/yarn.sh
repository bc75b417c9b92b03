#!/usr/bin/env bash
# Runs an istn command on YARN with spark-submit: one GPU per executor, the Java 17 flags, the
# malloc settings and the ND4J off-heap caps. See docs/cluster.md.
set -euo pipefail
# shellcheck source=submit/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<EOF2
usage: submit/yarn.sh <istn command> [options]
  e.g. submit/yarn.sh da-unidirectional --config my.conf --png
       CONFIG=hdfs://nn:8020/configs/infer.conf submit/yarn.sh infer --run_name 2026-01-25
Runs spark-submit --master yarn with org.istn.cli.IstnMain; the command and its options pass
through to istn (submit/yarn.sh infer --help lists infer's options). Knobs (environment) [default]:
  QUEUE                   YARN queue                                              []
  MAX_APP_ATTEMPTS        spark.yarn.maxAppAttempts: 1 = a failed run is not restarted
                          from scratch by YARN (resume it with --resume)          [1]
  DEPLOY_MODE             cluster | client                                        [cluster]
  GPU_DISCOVERY_SCRIPT    local discovery script, shipped with --files            [submit/gpu-discovery.sh]
$(istn_common_knobs)
EOF2
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac

DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
QUEUE="${QUEUE-}"
MAX_APP_ATTEMPTS="${MAX_APP_ATTEMPTS-1}"
GPU_DISCOVERY_SCRIPT="${GPU_DISCOVERY_SCRIPT:-$ISTN_HOME/submit/gpu-discovery.sh}"
istn_defaults
ISTN_ARGS+=(--master yarn)
[ -n "$QUEUE" ] && ISTN_ARGS+=(--queue "$QUEUE")
[ -n "$MAX_APP_ATTEMPTS" ] && ISTN_ARGS+=(--conf "spark.yarn.maxAppAttempts=$MAX_APP_ATTEMPTS")
discovery=""
if [ "$GPUS_PER_EXECUTOR" -gt 0 ] || [ "$DRIVER_GPUS" -gt 0 ]; then
  [ -f "$GPU_DISCOVERY_SCRIPT" ] || istn_die "GPU discovery script not found: $GPU_DISCOVERY_SCRIPT"
  GPU_DISCOVERY_SCRIPT="$(cd "$(dirname "$GPU_DISCOVERY_SCRIPT")" && pwd)/$(basename "$GPU_DISCOVERY_SCRIPT")"
  # YARN localises --files into every container's working directory
  ISTN_FILES+=("$GPU_DISCOVERY_SCRIPT")
  discovery="./$(basename "$GPU_DISCOVERY_SCRIPT")"
fi
# a client-mode driver runs here and runs the script from this machine
driver_discovery="$discovery"
[ "$DEPLOY_MODE" = client ] && driver_discovery="$GPU_DISCOVERY_SCRIPT"
ISTN_ARGS+=(--num-executors "$EXECUTORS")
istn_common_args "$discovery" "$driver_discovery" "spark.yarn.appMasterEnv."
if [ "$DEPLOY_MODE" = cluster ]; then ISTN_CONFIG_IN_CWD=1; else ISTN_CONFIG_IN_CWD=0; fi
istn_finish "$@"
