#!/usr/bin/env bash
# Builds the three variants and alternates them K times (default 20); prints each one's medians.
#   bench/StripeNetAot/run.sh [K]
# Output: artifacts/bench/StripeNetAot/{aot,jit}/, publish logs with the AOT warnings, and a summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
K=${1:-20}
OUT=artifacts/bench/StripeNetAot
EVENT=tests/Payments.Tests/Samples/stripe/payment_intent.succeeded.2024-06-20.json
mkdir -p "$OUT"
dotnet publish bench/StripeNetAot -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/aot" --nologo > "$OUT/publish-aot.log" 2>&1 || { tail -20 "$OUT/publish-aot.log"; exit 1; }
dotnet publish bench/StripeNetAot -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -p:PublishAot=false -o "$OUT/jit" --nologo > "$OUT/publish-jit.log" 2>&1 || { tail -20 "$OUT/publish-jit.log"; exit 1; }
echo "AOT publish warnings (distinct codes, count):"
grep -oE 'warning (IL[0-9]+|NU[0-9]+)' "$OUT/publish-aot.log" | sort | uniq -c || echo "  none"
ls -l "$OUT/aot/StripeNetAot" | awk '{printf "AOT executable: %.1f MB\n", $5/1048576}'
du -sb "$OUT/jit" | awk '{printf "JIT R2R self-contained folder: %.1f MB\n", $1/1048576}'
echo "Native AOT + Stripe.net:  $("$OUT/aot/StripeNetAot" stripe-net "$EVENT" || true)"
declare -A times
for ((i = 0; i < K; i++)); do
  for variant in "aot own" "jit stripe-net" "jit own"; do
    set -- $variant
    start=$(date +%s%N)
    line=$("$OUT/$1/StripeNetAot" "$2" "$EVENT")
    end=$(date +%s%N)
    [[ $line == ok* ]] || { echo "$variant: $line"; exit 1; }
    times["$1 $2"]+="$(( (end - start) / 1000 )) "
  done
done
for variant in "aot own" "jit stripe-net" "jit own"; do
  median=$(tr ' ' '\n' <<<"${times[$variant]}" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)/1000}')
  echo "$variant: exec -> verified, median of $K: ${median} ms"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
