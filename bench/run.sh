#!/usr/bin/env bash
# One command for issue 9's benchmarks: builds Release, starts the agent on its emulated defaults with a bench
# integrator, measures on 127.0.0.1 and writes bench/results/latest.{json,md}. It prints figures; it is not a test
# and .ci/run never calls it. Run from anywhere: bench/run.sh   (BENCH_SECONDS, BENCH_ROUNDS shorten or lengthen it)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${BENCH_SECONDS:-10}"          # one wrk run
rounds="${BENCH_ROUNDS:-3}"             # alternated baseline/agent pairs
idle_seconds="${BENCH_IDLE_SECONDS:-60}"       # each idle window: the first after the devices answer, then the steady one
settle_seconds="${BENCH_SETTLE_SECONDS:-60}"   # between the two: the runtime's tiered JIT is still busy in the first minutes
freshness_runs="${BENCH_FRESHNESS_RUNS:-50}"
restart_runs="${BENCH_RESTART_RUNS:-20}"
power_off_ms=1000 boot_ms=800           # the bench configuration's PowerOffTime and EmulatorBootTime
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v socat >/dev/null || need+=(socat)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== building Release" >&2
for project in src/KioskAgent src/KioskAgent.Simulator.Cli bench/Baseline bench/Probe; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done
agent_dir="$root/src/KioskAgent/bin/Release/net10.0"
agent="$agent_dir/KioskAgent"
simulator="$root/src/KioskAgent.Simulator.Cli/bin/Release/net10.0/kiosk-simulator"
baseline="$root/bench/Baseline/bin/Release/net10.0/kiosk-baseline"
probe="$root/bench/Probe/bin/Release/net10.0/kiosk-bench"

work="$(mktemp -d /tmp/kiosk-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "raw outputs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
out="$work/out" && mkdir -p "$out"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
rss_parts_kb() { awk '/^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} /^RssShmem:/ {s=$2} END {print a "," f "," s}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Milliseconds from $2 (date +%s%N taken just before the start) until /health/ready answers 200; at most 30 s.
ready_ms() {
  local deadline=$(( $(date +%s) + 30 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if curl -fsS -o /dev/null --max-time 1 "$1/health/ready" 2>/dev/null; then
      echo $(( ($(date +%s%N) - $2) / 1000000 )); return 0
    fi
    sleep 0.005
  done
  echo "not ready within 30 s: $1" >&2; return 1
}

# The bench integrator and signing key, fresh for this run; the agent gets only the secret's SHA-256.
kiosk=3a191de7-5c4f-4b8e-9d21-6f0e8c7b2a10
secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
bench_env=(
  ASPNETCORE_ENVIRONMENT=Bench
  "Auth__SigningKey=$(python3 -c 'import secrets,base64; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
  Auth__Integrators__0__ClientId=bench-integrator
  "Auth__Integrators__0__SecretSha256=$(printf %s "$secret" | sha256sum | cut -d' ' -f1)"
  'Auth__Integrators__0__Kiosks__0=*'
  Auth__Integrators__0__Scopes__0=kiosk:read Auth__Integrators__0__Scopes__1=kiosk:maintain
  Emulators__FaultEndpoint=true
  "LogFiles__Directory=$work/logs"
)
for device in Printer Scanner Tpv BillReader; do
  bench_env+=("Kiosks__0__${device}__Supervisor__PowerOffTime=00:00:0$((power_off_ms / 1000))"
              "Kiosks__0__${device}__EmulatorBootTime=00:00:00.$(printf %03d "$boot_ms")")
done

# Starts the agent with extra settings; sets agent_pid, agent_url, agent_ready_ms.
start_agent() {
  local port; port="$(free_port)"; agent_url="http://127.0.0.1:$port"
  local t0; t0="$(date +%s%N)"
  env "${bench_env[@]}" "$@" "$agent" --urls "$agent_url" --contentRoot "$agent_dir" >"$work/agent-$port.log" 2>&1 &
  agent_pid=$!; pids+=("$agent_pid")
  agent_ready_ms="$(ready_ms "$agent_url" "$t0")"
}
token_of() {
  curl -fsS -X POST "$1/api/auth" -H 'Content-Type: application/json' \
    -d "{\"client_id\":\"bench-integrator\",\"client_secret\":\"$secret\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["data"]["token"])'
}
wrk_run() { # name url pid: the server's CPU time during the run is recorded too (robust on a loaded machine)
  local ticks0; ticks0="$(cpu_ticks "$3")"
  wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$2" >"$out/wrk-$1.txt"
  echo "server_cpu_ticks=$(( $(cpu_ticks "$3") - ticks0 )) clk_tck=$(getconf CLK_TCK)" >>"$out/wrk-$1.txt"
}

{ echo "nproc=$(nproc)"; echo "model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "dotnet=$(dotnet --version)"; echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"; echo "date=$(date -u +%FT%TZ)"
  echo "commit=$(git rev-parse --short HEAD)"; } >"$out/machine.txt"

echo "== agent on its emulated defaults" >&2
start_agent
echo "ready_ms=$agent_ready_ms" >"$out/emulated.txt"
sleep 2
echo "rss_start_kb=$(rss_kb "$agent_pid")" >>"$out/emulated.txt"
token="$(token_of "$agent_url")"
status_url="$agent_url/api/kiosk/$kiosk/status"
curl -fsS "$status_url" -H "Authorization: Bearer $token" -o "$work/body.json"
curl -fsS "$agent_url/dev/emulators/" >"$out/emulators.json"

port="$(free_port)"; baseline_url="http://127.0.0.1:$port"
"$baseline" "$work/body.json" --urls "$baseline_url" >"$work/baseline.log" 2>&1 &
baseline_pid=$!; pids+=("$baseline_pid")
ready_url_wait=$(( $(date +%s) + 30 ))
until curl -fsS -o /dev/null "$baseline_url/api/kiosk/$kiosk/status" 2>/dev/null; do
  [ "$(date +%s)" -lt "$ready_url_wait" ] || { echo "baseline did not start" >&2; exit 1; }; sleep 0.05
done

echo "== throughput: warm-up, then $rounds alternated rounds of ${seconds}s each" >&2
# 10 s each: tiered compilation must reach its optimised code before anything is counted.
wrk -t2 -c64 -d10s -H "Authorization: Bearer $token" "$baseline_url/api/kiosk/$kiosk/status" >/dev/null
wrk -t2 -c64 -d10s -H "Authorization: Bearer $token" "$status_url" >/dev/null
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then
    wrk_run "baseline-$round" "$baseline_url/api/kiosk/$kiosk/status" "$baseline_pid"; wrk_run "agent-$round" "$status_url" "$agent_pid"
  else
    wrk_run "agent-$round" "$status_url" "$agent_pid"; wrk_run "baseline-$round" "$baseline_url/api/kiosk/$kiosk/status" "$baseline_pid"
  fi
done
echo "load_throughput=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo "baseline_rss_after_load_kb=$(rss_kb "$baseline_pid")" >>"$out/emulated.txt"
echo "baseline_rss_parts_after_load_kb=$(rss_parts_kb "$baseline_pid")" >>"$out/emulated.txt"

echo "== freshness ($freshness_runs injections per device)" >&2
probe_args=(--base "$agent_url" --kiosk "$kiosk" --token "$token")
"$probe" freshness "${probe_args[@]}" --device printer --fault paper_out --reset paper_ok --code paper_out --count "$freshness_runs" >>"$out/probes.jsonl"
"$probe" freshness "${probe_args[@]}" --device bill-reader --fault cashbox_full --reset cashbox_replaced --code cashbox_full --count "$freshness_runs" >>"$out/probes.jsonl"
if grep -q '"dispenser"' "$out/emulators.json"; then
  "$probe" freshness "${probe_args[@]}" --device dispenser --fault hopper_empty --reset hopper_full --code hopper_empty --count "$freshness_runs" >>"$out/probes.jsonl"
fi

echo "== restarts ($restart_runs per device)" >&2
for device in printer scanner tpv bill-reader; do
  "$probe" restart "${probe_args[@]}" --device "$device" --subtract-ms $((power_off_ms + boot_ms)) --count "$restart_runs" >>"$out/probes.jsonl"
done
echo "rss_after_load_kb=$(rss_kb "$agent_pid")" >>"$out/emulated.txt"
echo "rss_parts_after_load_kb=$(rss_parts_kb "$agent_pid")" >>"$out/emulated.txt"
# What the agent keeps once the load is over: one native-heap trim interval (30 s) and a little more, idle.
sleep 35
{ echo "rss_settled_kb=$(rss_kb "$agent_pid")"; echo "rss_settled_after_s=35"; } >>"$out/emulated.txt"
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true

echo "== footprint: every device on a kiosk-simulator over socat ptys, ${idle_seconds}s idle" >&2
serial_env=()
declare -A sim_name=([Printer]=printer [Dispenser]=dispenser [Scanner]=scanner [Tpv]=tpv [BillReader]=bill-reader [Relay]=relay)
for device in Printer Dispenser Scanner Tpv BillReader Relay; do
  name="${sim_name[$device]}"
  socat -d -d "pty,raw,echo=0,link=$work/$name-agent" "pty,raw,echo=0,link=$work/$name-device" 2>"$work/socat-$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do [ -e "$work/$name-agent" ] && [ -e "$work/$name-device" ] && break; sleep 0.05; done
  stop_bits=One; case "$device" in Tpv|BillReader) stop_bits=Two;; esac
  mkfifo "$work/$name.stdin"
  "$simulator" "$name" --serial "$work/$name-device" --stop-bits "$stop_bits" <"$work/$name.stdin" >"$work/sim-$name.log" 2>&1 &
  pids+=($!)
  exec {fd}>"$work/$name.stdin"   # the simulator reads faults from stdin: keep it open until this script ends
  serial_env+=("Kiosks__0__${device}__Link__Kind=Serial" "Kiosks__0__${device}__Link__Path=$work/$name-agent")
done
start_agent "${serial_env[@]}"
echo "ready_ms=$agent_ready_ms" >"$out/serial.txt"
sleep 2
echo "rss_start_kb=$(rss_kb "$agent_pid")" >>"$out/serial.txt"
token="$(token_of "$agent_url")"
online_wait=$(( $(date +%s) + 20 ))
until curl -fsS "$agent_url/api/kiosk/$kiosk/status" -H "Authorization: Bearer $token" -o "$out/serial-status.json" \
      && ! grep -q '"Offline"\|"Unknown"' "$out/serial-status.json"; do
  [ "$(date +%s)" -lt "$online_wait" ] || { echo "devices over ptys not all answering: $(cat "$out/serial-status.json")" >&2; break; }
  sleep 0.2
done
sleep 3
idle_window() { # suffix: the agent's CPU ticks and the wall time over one idle window
  local ticks0 t0; ticks0="$(cpu_ticks "$agent_pid")"; t0="$(date +%s%N)"
  sleep "$idle_seconds"
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "the agent exited while idle; its log:" >&2; tail -n 20 "$work/agent-${agent_url##*:}.log" >&2; exit 1
  fi
  { echo "cpu_ticks$1=$(( $(cpu_ticks "$agent_pid") - ticks0 ))"; echo "idle_ns$1=$(( $(date +%s%N) - t0 ))"; } >>"$out/serial.txt"
}
echo "clk_tck=$(getconf CLK_TCK)" >>"$out/serial.txt"
idle_window _first
sleep "$settle_seconds"
idle_window ""
echo "settle_s=$settle_seconds" >>"$out/serial.txt"
echo "rss_idle_kb=$(rss_kb "$agent_pid")" >>"$out/serial.txt"
curl -fsS "$agent_url/api/kiosk/$kiosk/status" -H "Authorization: Bearer $token" -o "$out/serial-status-end.json"
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

python3 "$root/bench/report.py" "$out" "$root/bench/results"
cat "$root/bench/results/latest.md"
