#!/usr/bin/env bash
# One-command local run: builds what is stale, then starts PostgreSQL + Kafka (embedded) and every
# service as its own JVM. Options: --reset, --data DIR, --only a,b  (see deploy/local/README.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SERVICES="gateway-service auth-service ai-service crm-service content-service billing-service task-worker-service agentic-service"
LAUNCHER=deploy/local/target/local-launcher.jar

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
else
  JAVA="$(command -v java || true)"
fi
if [[ -z "${JAVA}" ]]; then
  echo "run.sh: no java found - install a JDK 17+ or set JAVA_HOME" >&2
  exit 1
fi

# A build is needed when a jar is missing, or when any pom.xml / main source file is newer than the
# last build run.sh made (the stamp) - or, with no stamp yet, newer than the oldest jar. (A stamp
# rather than the jars themselves: Maven leaves a jar untouched when its own module did not change,
# so an edit in one service would otherwise look stale against another service's jar forever.)
STAMP=deploy/local/target/.run-sh-build-stamp

needs_build() {
  local jars=("${LAUNCHER}") jar ref=""
  for m in ${SERVICES}; do jars+=("${m}/target/${m}.jar"); done
  for jar in "${jars[@]}"; do
    if [[ ! -f "${jar}" ]]; then
      echo "run.sh: ${jar} is missing" >&2
      return 0
    fi
    if [[ -z "${ref}" || "${jar}" -ot "${ref}" ]]; then ref="${jar}"; fi
  done
  if [[ -f "${STAMP}" ]]; then ref="${STAMP}"; fi
  local newer
  newer="$(find . \( -path ./.data -o -path ./.git -o -path '*/target' -o -path '*/node_modules' \) -prune \
             -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "${ref}" -print -quit)"
  if [[ -n "${newer}" ]]; then
    echo "run.sh: ${newer#./} changed since the last build" >&2
    return 0
  fi
  return 1
}

if [[ "${LOCAL_SKIP_BUILD:-}" != "1" ]] && needs_build; then
  echo "run.sh: building (./mvnw -B -q -DskipTests package) ..." >&2
  started=${SECONDS}
  touch "${STAMP}.next" 2>/dev/null || { mkdir -p deploy/local/target && touch "${STAMP}.next"; }
  ./mvnw -B -q -DskipTests package
  mv -f "${STAMP}.next" "${STAMP}"   # files edited during the build stay newer than the stamp
  echo "run.sh: build done in $((SECONDS - started)) s" >&2
fi

exec "${JAVA}" -Xmx384m -jar "${LAUNCHER}" "$@"
