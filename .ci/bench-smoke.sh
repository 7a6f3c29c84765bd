#!/usr/bin/env bash
# Benchmark smoke run: proves the harness works and prints the figures at small scale. Asserts no timing; fails
# only on a functional problem (a lost or duplicated record, a 429 reaching the caller, a request sent while told to wait).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/Mimecast.Sdk.Benchmarks -- smoke
# Figure 9 (SIEM batch against the simulator) at a tiny scale: 2 files of 2 MB, 1 run, 1 file per memory child.
dotnet run -c Release --no-build --project benchmarks/Mimecast.Sdk.Benchmarks -- siem-batch 2 2 1 1
# Figure 13 (held release under a 50/s quota) at a tiny scale: 60 ids both ways, then 400 ids in bulk (16 calls: not quota-bound).
dotnet run -c Release --no-build --project benchmarks/Mimecast.Sdk.Benchmarks -- held-release 60 400
