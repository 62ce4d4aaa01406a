#!/usr/bin/env bash
# Coverage-guided fuzzing of one codec reader with SharpFuzz + afl++ (fuzz/README.md). Long: not part of .ci/run.
#   fuzz/run.sh <escpos|kmtronic|k720|ssi|zvt|ssp> [seconds=300]
# Findings (crashes, hangs, the grown queue) land in fuzz/findings/<codec>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
codec="${1:?usage: fuzz/run.sh <escpos|kmtronic|k720|ssi|zvt|ssp> [seconds]}"
seconds="${2:-300}"
[ -d "corpus/$codec" ] || { echo "no corpus for '$codec'" >&2; exit 2; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 2
  fi
fi

# The instrumentation tool, pinned, in a local tool path (NuGet through the ordinary client).
if [ ! -x .tools/sharpfuzz ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path .tools >/dev/null
fi

out="out/$codec"
rm -rf "$out"
dotnet publish KioskAgent.Fuzz -c Release -o "$out" -p:TreatWarningsAsErrors=true >/dev/null
# Instrument only the library under test: afl sees the codec's branches, not the runtime's.
.tools/sharpfuzz "$out/KioskAgent.Devices.dll"

mkdir -p "findings/$codec"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
# -V bounds the run; -t 5000: a .NET start is slow; -m none: the CLR reserves a lot of address space.
afl-fuzz -V "$seconds" -t 5000 -m none -i "corpus/$codec" -o "findings/$codec" -- dotnet "$out/KioskAgent.Fuzz.dll" "$codec" || status=$?

stats="findings/$codec/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E "^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|run_time) " "$stats" | tr -s ' ' | sed "s/^/[fuzz $codec] /"
fi
crashes=$(find "findings/$codec/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "[figure] fuzz $codec: ${seconds} s, ${crashes} crashes"
exit "${status:-0}"
