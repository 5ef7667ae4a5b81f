#!/usr/bin/env bash
# Builds the libFuzzer target and fuzzes loader, decoder, planner, rules and reporters for SECONDS
# (default 60), over a corpus seeded from Examples/, the hostile fixtures, the Alibaba Cloud fixtures and the YAML
# test suite; every human report and error message is also checked for anything that could act on its reader.
# Crash inputs land in Fuzz/crashes/; keep each one in Fuzz/regressions/ once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

swift build -c debug --build-path .build-fuzz --product eniplan-fuzz \
    --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

corpus=.build-fuzz/corpus
mkdir -p "$corpus" Fuzz/crashes
seed() { for file in "$@"; do [ -f "$file" ] && cp "$file" "$corpus/seed-$(sha1sum "$file" | cut -c1-16)"; done; return 0; }
seed Examples/*/*.yaml Examples/*/*.json Examples/policies/*.yaml Fuzz/regressions/*
seed Tests/Fixtures/hostile/*/* Tests/Fixtures/aliyun/*.json $(find Tests/Fixtures/yaml-test-suite/data -name in.yaml | sort)

.build-fuzz/debug/eniplan-fuzz "$corpus" \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
