#!/bin/sh
# One-shot (compose service `temporal-setup`, temporalio/admin-tools) run once the server is up:
# creates the namespace Sluice uses and registers the search attributes BatchId and BatchPhase
# (Keyword) that operators filter batches by in the Temporal Web UI. Every step checks first, so
# it is safe on every start. The CLI reads TEMPORAL_ADDRESS from the environment.
set -eu

namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
max_attempts=30

# Runs "$@" until it succeeds, pausing between attempts; gives up after max_attempts.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$max_attempts" ]; then
      echo "Gave up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

# The frontend port opens before every service of the server is ready; health says SERVING then.
is_serving() {
  temporal operator cluster health 2>/dev/null | grep -q SERVING
}

ensure_namespace() {
  temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1 ||
    temporal operator namespace create --namespace "$namespace" --retention "$retention"
}

# A new namespace reaches the frontend's namespace cache only after its next refresh, so adding
# search attributes right after creating it can fail with "namespace not found": hence retry.
ensure_search_attribute() {
  temporal operator search-attribute list --namespace "$namespace" | grep -qw "$1" ||
    temporal operator search-attribute create --namespace "$namespace" --name "$1" --type Keyword
}

retry is_serving
retry ensure_namespace
echo "Namespace $namespace is ready"
for name in BatchId BatchPhase; do
  retry ensure_search_attribute "$name"
  echo "Search attribute $name (Keyword) is registered"
done
