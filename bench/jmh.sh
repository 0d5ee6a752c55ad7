#!/usr/bin/env bash
# JMH benchmarks of the hot path, each beside a baseline measured in the same run:
# injection spec parsing, header rewriting, allowlist matching, redaction per MiB, audit encoding.
#
#   bench/jmh.sh                 # all of them (~3 min on 2 cores)
#   bench/jmh.sh Redaction       # those whose name matches a regex
#
# Writes bench/results/jmh-<time>.txt (JMH's table) with the machine description.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl bench -am package
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n1)"
  java -jar bench/target/benchmarks.jar -foe true "${@:-.}" 2>&1 | sed -n '/^Benchmark /,$p'
} | tee "$out"
