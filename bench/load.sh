#!/usr/bin/env bash
# Server load test: one server and N simulated sensors in one process (the real agent code, real TLS on loopback),
# one task to every sensor per round through the HTTP API, round trip = POST to the reply written and fsynced.
#   bench/load.sh [SENSORS] [ROUNDS]      e.g. bench/load.sh 1000 2     (results: docs/performance.md, "Server")
# Needs about 2 file descriptors per sensor (ulimit -n).
set -euo pipefail
cd "$(dirname "$0")/.."
sensors=${1:-1000}
rounds=${2:-2}
dotnet build Sensor.Server/Sensor.Server.csproj -c Release -nologo -clp:NoSummary >/dev/null
exec timeout 600 dotnet Sensor.Server/bin/Release/net10.0/sensor-server.dll load --sensors "$sensors" --rounds "$rounds" --timeout 120
