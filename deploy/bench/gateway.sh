#!/usr/bin/env bash
# Gateway benchmark (issue 3): a JWT-checked GET through the real gateway vs straight to the service, same
# run, trivial and 50 ms endpoints, plus login latency straight to auth-service. All on loopback.
# Builds what is missing or stale (bench harness, gateway-service and auth-service jars); uses wrk when
# installed (installs it with apt-get when root and missing), else a Java load generator.
# Usage: deploy/bench/gateway.sh [--seconds 30] [--warmup 10] [--fast-connections 50]
#        [--slow-connections 200] [--login 1] [--login-seconds 20] [--login-connections 1] [--java 0]
#        [--gateway-bulkhead 0]  (1: keep the 25-call Resilience4j bulkhead per route, as the gateway ships)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
bench=deploy/bench/target/backbone-bench.jar
stale() { [ ! -f "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -print -quit)" ]; }
if stale "$bench" shared-events/src shared-events/security/src deploy/embedded-infra/src deploy/bench/src deploy/bench/pom.xml; then
  ./mvnw -B -q -DskipTests -pl deploy/bench -am install
fi
if stale gateway-service/target/gateway-service.jar gateway-service/src shared-events/security/src; then
  ./mvnw -B -q -DskipTests -pl gateway-service -am package
fi
if stale auth-service/target/auth-service.jar auth-service/src shared-events/src; then
  ./mvnw -B -q -DskipTests -pl auth-service -am package
fi
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "wrk not found: installing it (apt-get install -y wrk)" >&2
  apt-get install -y -q wrk >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1) \
    || echo "could not install wrk: using the Java load generator" >&2
fi
# BENCH_JAVA_OPTS: e.g. -Dbench.gateway.env=TRACING_SAMPLING_PROBABILITY=0 (extra gateway environment)
exec "$JAVA" -Xmx1g ${BENCH_JAVA_OPTS:-} -Dbench.root="$PWD" -Dloader.main=com.aiceo.bench.gateway.GatewayBenchmark \
  -cp "$bench" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
