#!/usr/bin/env bash
# Summarises pgbench transaction logs (pgbench -l): transactions and their latency p50, p99 and
# max in ms.  bash latency.sh LOGFILE...
cat "$@" | awk '{ print $3 / 1000 }' | sort -n | awk '
  { v[NR] = $1 } END {
    n = NR; if (n == 0) { print "no transactions"; exit }
    printf "%d transactions, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", n, v[int(n * 0.5) + 1], v[int(n * 0.99) + 1], v[n]
  }'
