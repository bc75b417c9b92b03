# shellcheck shell=bash
# Shared by submit/yarn.sh, submit/k8s.sh, submit/standalone.sh (and bin/istn, for the Java 17
# flags): builds the spark-submit command line of an istn command. Sourcing it defines variables
# and functions only; it runs nothing. See docs/cluster.md.

ISTN_HOME="${ISTN_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# The JVM flags Spark 3.5 and ND4J need on Java 17 (the same list as pom.xml's java17.opens).
ISTN_JAVA17_OPENS="-XX:+IgnoreUnrecognizedVMOptions"
for _istn_p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
  ISTN_JAVA17_OPENS="$ISTN_JAVA17_OPENS --add-opens=java.base/$_istn_p=ALL-UNNAMED"
done
unset _istn_p

# glibc malloc keeps freed memory instead of returning it to the kernel (SameDiff frees its per-step
# buffers through the garbage collector; returned pages were faulted in again every step).
ISTN_MALLOC_ENV=("MALLOC_MMAP_MAX_=0" "MALLOC_TRIM_THRESHOLD_=68719476736" "MALLOC_ARENA_MAX=1")

# The spark-submit arguments before the jar, and the local files to ship (--files), that the
# launcher and istn_common_args/istn_finish collect.
ISTN_ARGS=()
ISTN_FILES=()

# The knobs every launcher shares: name, default, meaning (printed by usage).
istn_common_knobs() {
  cat <<'EOF'
  APP_JAR                 application jar                   [target/istn-spark-0.1.0-SNAPSHOT-app.jar of
                                                             this checkout; build it with mvn -Pcuda -DskipTests package]
  CONFIG                  config file: a local path (shipped with --files) or a Hadoop URI
                          (hdfs://, s3a://: read by the driver); same as giving --config after the command
  DEPLOY_MODE             cluster | client
  EXECUTORS               number of executors                                     [2]
  EXECUTOR_CORES          cores per executor                                      [4]
  EXECUTOR_MEMORY         executor heap                                           [8g]
  EXECUTOR_MEMORY_OVERHEAD executor off-heap allowance (ND4J lives here)          [16g]
  DRIVER_MEMORY           driver heap                                             [8g]
  DRIVER_MEMORY_OVERHEAD  driver off-heap allowance                               [4g]
  GPUS_PER_EXECUTOR       GPUs per executor; 0 = CPU build (no GPU resources,
                          oneDNN selected)                                        [1]
  TASK_GPU_AMOUNT         GPUs per task (1 = one averaging worker per GPU)        [1]
  DRIVER_GPUS             GPUs for the driver (CUDA build: ND4J runs there too)   [1 in cluster mode, else 0]
  GPU_DISCOVERY_SCRIPT    Spark's GPU discovery script (prints {"name":"gpu","addresses":[...]})
  PARALLELISM             spark.default.parallelism = averaging workers           [EXECUTORS x GPUS_PER_EXECUTOR]
  ND4J_MAXBYTES           executor JavaCPP off-heap cap (-Dorg.bytedeco.javacpp.maxbytes)          [12g]
  ND4J_MAXPHYSICALBYTES   executor JavaCPP resident cap (-Dorg.bytedeco.javacpp.maxphysicalbytes)  [22g]
  DRIVER_ND4J_MAXBYTES    the same for the driver                                 [4g]
  DRIVER_ND4J_MAXPHYSICALBYTES                                                    [14g]
  EXTRA_JAVA_OPTS         more JVM options for driver and executors               []
  SPARK_SUBMIT_EXTRA      more spark-submit arguments, split on spaces (e.g. --conf k=v)  []
  SPARK_SUBMIT            the spark-submit to run                                 [$SPARK_HOME/bin/spark-submit or spark-submit]
  APP_NAME                Spark application name                                  [istn <command>]
  DRY_RUN=1               print the spark-submit command line instead of running it
An empty value leaves a setting out (e.g. ND4J_MAXBYTES= for JavaCPP's own default).
EOF
}

istn_die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Quotes one word for the printed command line: bare when safe, else in single quotes.
istn_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@%+,^-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# True for a URI with a scheme other than file: (hdfs://, s3a://, gs://, local://, ...).
istn_is_remote() {
  [[ "$1" =~ ^[A-Za-z][A-Za-z0-9+.-]*: ]] && [[ "$1" != file:* ]]
}

istn_positive_int() {
  [[ "$2" =~ ^[0-9]+$ ]] || istn_die "$1 must be a whole number >= 0, found '$2'"
}

# Sets the shared defaults; call after the launcher set its own (DEPLOY_MODE, APP_JAR, ...).
istn_defaults() {
  APP_JAR="${APP_JAR-$ISTN_HOME/target/istn-spark-0.1.0-SNAPSHOT-app.jar}"
  CONFIG="${CONFIG-}"
  EXECUTORS="${EXECUTORS-2}"
  EXECUTOR_CORES="${EXECUTOR_CORES-4}"
  EXECUTOR_MEMORY="${EXECUTOR_MEMORY-8g}"
  EXECUTOR_MEMORY_OVERHEAD="${EXECUTOR_MEMORY_OVERHEAD-16g}"
  DRIVER_MEMORY="${DRIVER_MEMORY-8g}"
  DRIVER_MEMORY_OVERHEAD="${DRIVER_MEMORY_OVERHEAD-4g}"
  GPUS_PER_EXECUTOR="${GPUS_PER_EXECUTOR-1}"
  TASK_GPU_AMOUNT="${TASK_GPU_AMOUNT-1}"
  ND4J_MAXBYTES="${ND4J_MAXBYTES-12g}"
  ND4J_MAXPHYSICALBYTES="${ND4J_MAXPHYSICALBYTES-22g}"
  DRIVER_ND4J_MAXBYTES="${DRIVER_ND4J_MAXBYTES-4g}"
  DRIVER_ND4J_MAXPHYSICALBYTES="${DRIVER_ND4J_MAXPHYSICALBYTES-14g}"
  EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS-}"
  SPARK_SUBMIT_EXTRA="${SPARK_SUBMIT_EXTRA-}"
  if [ -z "${SPARK_SUBMIT:-}" ]; then
    SPARK_SUBMIT="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
  fi
  case "$DEPLOY_MODE" in cluster|client) ;; *) istn_die "DEPLOY_MODE must be cluster or client, found '$DEPLOY_MODE'" ;; esac
  istn_positive_int EXECUTORS "$EXECUTORS"
  istn_positive_int EXECUTOR_CORES "$EXECUTOR_CORES"
  istn_positive_int GPUS_PER_EXECUTOR "$GPUS_PER_EXECUTOR"
  [ "$EXECUTORS" -ge 1 ] || istn_die "EXECUTORS must be >= 1, found $EXECUTORS"
  if [ "$GPUS_PER_EXECUTOR" -gt 0 ]; then
    PARALLELISM="${PARALLELISM-$((EXECUTORS * GPUS_PER_EXECUTOR))}"
    if [ "$DEPLOY_MODE" = cluster ]; then DRIVER_GPUS="${DRIVER_GPUS-1}"; else DRIVER_GPUS="${DRIVER_GPUS-0}"; fi
  else
    PARALLELISM="${PARALLELISM-$EXECUTORS}"
    DRIVER_GPUS="${DRIVER_GPUS-0}"
  fi
  istn_positive_int DRIVER_GPUS "$DRIVER_GPUS"
}

# JVM options of driver ($1 = driver) or executors ($1 = executor).
istn_java_opts() {
  local opts="$ISTN_JAVA17_OPENS" max phys
  if [ "$1" = driver ]; then max="$DRIVER_ND4J_MAXBYTES" phys="$DRIVER_ND4J_MAXPHYSICALBYTES"
  else max="$ND4J_MAXBYTES" phys="$ND4J_MAXPHYSICALBYTES"; fi
  [ -n "$max" ] && opts="$opts -Dorg.bytedeco.javacpp.maxbytes=$max"
  [ -n "$phys" ] && opts="$opts -Dorg.bytedeco.javacpp.maxphysicalbytes=$phys"
  # the CPU build ships a plain and a oneDNN nd4j-native; the CUDA build has neither
  [ "$GPUS_PER_EXECUTOR" -eq 0 ] && opts="$opts -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2"
  [ -n "$EXTRA_JAVA_OPTS" ] && opts="$opts $EXTRA_JAVA_OPTS"
  printf '%s' "$opts"
}

# Appends to the array ISTN_ARGS: the settings every cluster manager shares. The launcher then
# adds its own and calls istn_finish with the istn command line.
#   $1 = the path executors run the GPU discovery script from
#   $2 = the path the driver runs it from
#   $3 = env prefix for the driver in cluster mode (spark.yarn.appMasterEnv., ...; "" = none)
istn_common_args() {
  local discovery="$1" driver_discovery="$2" driver_env="$3" kv
  ISTN_ARGS+=(--deploy-mode "$DEPLOY_MODE" --class org.istn.cli.IstnMain)
  ISTN_ARGS+=(--executor-cores "$EXECUTOR_CORES")
  [ -n "$EXECUTOR_MEMORY" ] && ISTN_ARGS+=(--executor-memory "$EXECUTOR_MEMORY")
  [ -n "$DRIVER_MEMORY" ] && ISTN_ARGS+=(--driver-memory "$DRIVER_MEMORY")
  [ -n "$EXECUTOR_MEMORY_OVERHEAD" ] && ISTN_ARGS+=(--conf "spark.executor.memoryOverhead=$EXECUTOR_MEMORY_OVERHEAD")
  [ -n "$DRIVER_MEMORY_OVERHEAD" ] && ISTN_ARGS+=(--conf "spark.driver.memoryOverhead=$DRIVER_MEMORY_OVERHEAD")
  ISTN_ARGS+=(--conf "spark.driver.extraJavaOptions=$(istn_java_opts driver)")
  ISTN_ARGS+=(--conf "spark.executor.extraJavaOptions=$(istn_java_opts executor)")
  for kv in "${ISTN_MALLOC_ENV[@]}"; do
    ISTN_ARGS+=(--conf "spark.executorEnv.$kv")
    [ -n "$driver_env" ] && [ "$DEPLOY_MODE" = cluster ] && ISTN_ARGS+=(--conf "$driver_env$kv")
  done
  ISTN_ARGS+=(--conf "spark.default.parallelism=$PARALLELISM")
  if [ "$GPUS_PER_EXECUTOR" -gt 0 ]; then
    ISTN_ARGS+=(--conf "spark.executor.resource.gpu.amount=$GPUS_PER_EXECUTOR")
    ISTN_ARGS+=(--conf "spark.task.resource.gpu.amount=$TASK_GPU_AMOUNT")
    ISTN_ARGS+=(--conf "spark.executor.resource.gpu.discoveryScript=$discovery")
  fi
  if [ "$DRIVER_GPUS" -gt 0 ]; then
    ISTN_ARGS+=(--conf "spark.driver.resource.gpu.amount=$DRIVER_GPUS")
    ISTN_ARGS+=(--conf "spark.driver.resource.gpu.discoveryScript=$driver_discovery")
  fi
}

# Adds the files to ship (the array ISTN_FILES, which the launcher may have filled, plus a local
# config), the jar and the istn command line ("$@"), then runs or prints.
#   ISTN_CONFIG_IN_CWD=1: a local config goes with --files and the driver reads it by its base
#   name from its working directory (YARN and Kubernetes cluster mode); 0: the driver runs here
#   and reads the local path itself; anything else: a local config cannot reach the driver, and
#   this is the message that says so.
istn_finish() {
  local -a app=()
  local config="$CONFIG" a next_is_config=0
  for a in "$@"; do
    if [ "$next_is_config" = 1 ]; then
      [ -n "$config" ] && istn_die "config given twice: CONFIG=$config and --config $a"
      config="$a" next_is_config=0
    elif [ "$a" = --config ]; then
      next_is_config=1
    elif [[ "$a" == --config=* ]]; then
      [ -n "$config" ] && istn_die "config given twice: CONFIG=$config and $a"
      config="${a#--config=}"
    else
      app+=("$a")
    fi
  done
  [ "$next_is_config" = 1 ] && istn_die "--config needs a value"
  [ "${#app[@]}" -gt 0 ] || istn_die "no istn command given (e.g. da-unidirectional, infer, train-task)"
  if [ -n "$config" ]; then
    if istn_is_remote "$config"; then
      app+=(--config "$config")
    else
      local path="${config#file://}"
      path="${path#file:}"
      [ -f "$path" ] || istn_die "config file not found: $path (CONFIG or --config)"
      path="$(cd "$(dirname "$path")" && pwd)/$(basename "$path")"
      case "$ISTN_CONFIG_IN_CWD" in
        1) ISTN_FILES+=("$path"); app+=(--config "$(basename "$path")") ;;
        0) app+=(--config "$path") ;;
        *) istn_die "config file $path: $ISTN_CONFIG_IN_CWD" ;;
      esac
    fi
  fi
  [ -n "$APP_JAR" ] || istn_die "APP_JAR is empty"
  if ! istn_is_remote "$APP_JAR" && [ ! -f "$APP_JAR" ] && [ "${DRY_RUN:-0}" != 1 ]; then
    istn_die "application jar not found: $APP_JAR (build it with mvn -Pcuda -DskipTests package, or set APP_JAR)"
  fi
  local name="${APP_NAME:-istn ${app[0]}}"
  local -a extra=()
  # shellcheck disable=SC2206
  [ -n "$SPARK_SUBMIT_EXTRA" ] && extra=($SPARK_SUBMIT_EXTRA)
  local -a cmd=("$SPARK_SUBMIT" "${ISTN_ARGS[@]}" --name "$name")
  [ "${#ISTN_FILES[@]}" -gt 0 ] && cmd+=(--files "$(IFS=,; printf '%s' "${ISTN_FILES[*]}")")
  [ "${#extra[@]}" -gt 0 ] && cmd+=("${extra[@]}")
  cmd+=("$APP_JAR" "${app[@]}")
  if [ "${DRY_RUN:-0}" = 1 ]; then
    # one spark-submit option and its value per line, then the jar and the istn command line
    local first=1 after_jar=0
    for a in "${cmd[@]}"; do
      if [ "$first" = 1 ]; then first=0
      elif [ "$after_jar" = 0 ] && { [[ "$a" == -* ]] || [ "$a" = "$APP_JAR" ]; }; then printf ' \\\n  '
      else printf ' '; fi
      [ "$a" = "$APP_JAR" ] && after_jar=1
      istn_quote "$a"
    done
    printf '\n'
    return 0
  fi
  export "${ISTN_MALLOC_ENV[@]}"
  exec "${cmd[@]}"
}
