#!/usr/bin/env bash
# Runs an istn command on Kubernetes with spark-submit: one GPU per executor pod, the Java 17
# flags, the malloc settings and the ND4J off-heap caps. See docs/cluster.md.
set -euo pipefail
# shellcheck source=submit/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat <<EOF2
usage: submit/k8s.sh <istn command> [options]
  e.g. K8S_MASTER=k8s://https://api.example:6443 IMAGE=registry.example/istn-spark:0.1.0-cuda \\
         K8S_UPLOAD_PATH=s3a://bucket/spark-upload submit/k8s.sh da-unidirectional --config my.conf --png
Runs spark-submit --master \$K8S_MASTER with org.istn.cli.IstnMain; the command and its options
pass through to istn. Knobs (environment) [default]:
  K8S_MASTER              API server, k8s://https://HOST:PORT (required)
  IMAGE                   container image with Spark 3.5, Java 17, CUDA 11.6 + cuDNN 8.3 and the
                          app jar (required)
  NAMESPACE               namespace                                               [default]
  SERVICE_ACCOUNT         driver service account (may create executor pods)       [spark]
  K8S_UPLOAD_PATH         Hadoop URI where spark-submit uploads local files (a local config)  []
  GPU_VENDOR              Kubernetes device plugin vendor                         [nvidia.com]
  DEPLOY_MODE             cluster | client                                        [cluster]
  APP_JAR                 overrides the default below                             [local:///opt/istn/istn-spark-app.jar]
  GPU_DISCOVERY_SCRIPT    discovery script inside the image                       [/opt/istn/gpu-discovery.sh]
$(istn_common_knobs)
EOF2
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac

DEPLOY_MODE="${DEPLOY_MODE:-cluster}"
APP_JAR="${APP_JAR:-local:///opt/istn/istn-spark-app.jar}"
K8S_MASTER="${K8S_MASTER:-}"
IMAGE="${IMAGE:-}"
NAMESPACE="${NAMESPACE:-default}"
SERVICE_ACCOUNT="${SERVICE_ACCOUNT:-spark}"
K8S_UPLOAD_PATH="${K8S_UPLOAD_PATH-}"
GPU_VENDOR="${GPU_VENDOR:-nvidia.com}"
GPU_DISCOVERY_SCRIPT="${GPU_DISCOVERY_SCRIPT:-/opt/istn/gpu-discovery.sh}"
istn_defaults
[[ "$K8S_MASTER" == k8s://* ]] || istn_die "K8S_MASTER must be the API server as k8s://https://HOST:PORT, found '$K8S_MASTER'"
[ -n "$IMAGE" ] || istn_die "IMAGE (the container image) is required"
ISTN_ARGS+=(--master "$K8S_MASTER")
ISTN_ARGS+=(--conf "spark.kubernetes.container.image=$IMAGE")
ISTN_ARGS+=(--conf "spark.kubernetes.namespace=$NAMESPACE")
ISTN_ARGS+=(--conf "spark.kubernetes.authenticate.driver.serviceAccountName=$SERVICE_ACCOUNT")
[ -n "$K8S_UPLOAD_PATH" ] && ISTN_ARGS+=(--conf "spark.kubernetes.file.upload.path=$K8S_UPLOAD_PATH")
if [ "$GPUS_PER_EXECUTOR" -gt 0 ]; then
  ISTN_ARGS+=(--conf "spark.executor.resource.gpu.vendor=$GPU_VENDOR")
fi
if [ "$DRIVER_GPUS" -gt 0 ]; then
  ISTN_ARGS+=(--conf "spark.driver.resource.gpu.vendor=$GPU_VENDOR")
fi
ISTN_ARGS+=(--num-executors "$EXECUTORS")
istn_common_args "$GPU_DISCOVERY_SCRIPT" "$GPU_DISCOVERY_SCRIPT" "spark.kubernetes.driverEnv."
if [ "$DEPLOY_MODE" = client ]; then
  ISTN_CONFIG_IN_CWD=0
elif [ -n "$K8S_UPLOAD_PATH" ]; then
  # spark-submit uploads --files to K8S_UPLOAD_PATH; the driver pod downloads them into its
  # working directory
  ISTN_CONFIG_IN_CWD=1
else
  ISTN_CONFIG_IN_CWD="a local config needs K8S_UPLOAD_PATH (an HDFS/S3 folder spark-submit uploads it to), or give CONFIG=s3a://... / hdfs://..."
fi
istn_finish "$@"
