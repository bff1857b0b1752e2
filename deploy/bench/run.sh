#!/usr/bin/env bash
# Backbone benchmark: builds the harness if needed and runs it on embedded PostgreSQL + Kafka.
# Usage: deploy/bench/run.sh [--rate 1000] [--seconds 20] [--events 20000] [--clients 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=deploy/bench/target/backbone-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find shared-events/src deploy/embedded-infra/src deploy/bench/src -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -q -DskipTests -pl deploy/bench -am install
fi
exec "$JAVA" -Xmx1g -jar "$jar" "$@"
