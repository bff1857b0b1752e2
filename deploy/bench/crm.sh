#!/usr/bin/env bash
# crm-service benchmark (issue 4): list/search latency with 100,000 leads in one organization and 1,000
# others, CSV import rate for 50,000 rows, create p50/p99 through the gateway. Starts gateway, auth and crm
# with the local launcher on free ports; needs wrk (installed with apt-get when root and missing).
# Usage: deploy/bench/crm.sh [--seconds 10] [--warmup 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -print -quit)" ]; }
if stale deploy/bench/target/backbone-bench.jar deploy/bench/src deploy/bench/pom.xml \
   || stale deploy/local/target/local-launcher.jar deploy/local/src \
   || stale crm-service/target/crm-service.jar crm-service/src shared-events/src shared-events/security/src \
   || stale gateway-service/target/gateway-service.jar gateway-service/src \
   || stale auth-service/target/auth-service.jar auth-service/src; then
  ./mvnw -B -q -DskipTests package -pl deploy/bench,deploy/local,gateway-service,auth-service,crm-service -am
fi
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y -q wrk >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1)
fi
command -v wrk >/dev/null 2>&1 || { echo "crm.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
exec "$JAVA" -Xmx1g -Dbench.root="$PWD" -Dloader.main=com.aiceo.bench.crm.CrmBenchmark \
  -cp deploy/bench/target/backbone-bench.jar org.springframework.boot.loader.launch.PropertiesLauncher "$@"
