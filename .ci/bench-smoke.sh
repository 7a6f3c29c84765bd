#!/usr/bin/env bash
# Benchmark smoke run: proves the harness works and prints the figures at small scale. Asserts no timing; fails
# only on a functional problem (a lost or duplicated record, a 429 reaching the caller, a request sent while told to wait).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project benchmarks/Mimecast.Sdk.Benchmarks -- smoke
