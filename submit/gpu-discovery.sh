#!/usr/bin/env bash
# Spark GPU discovery script (spark.{driver,executor}.resource.gpu.discoveryScript): prints the
# GPUs this container sees as Spark's resource JSON, e.g. {"name":"gpu","addresses":["0","1"]}.
# Under YARN or Kubernetes GPU isolation nvidia-smi lists only the GPUs given to the container.
set -euo pipefail
indices="$(nvidia-smi --query-gpu=index --format=csv,noheader)"
addresses=""
while read -r i; do
  i="${i//[[:space:]]/}"
  [ -n "$i" ] || continue
  addresses="${addresses:+$addresses,}\"$i\""
done <<<"$indices"
printf '{"name":"gpu","addresses":[%s]}\n' "$addresses"
