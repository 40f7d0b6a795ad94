#!/usr/bin/env bash
# A sharded run on a real single-node Slurm cluster: Debian's slurmctld, slurmd and munge
# configured on localhost in a scratch folder, a 4-task array of shard.sbatch and a merge
# job that depends on it (Scenarios/cluster/), the merged folder compared byte for byte
# with an unsharded run. Stops every daemon it started.
#
#   scripts/check-slurm.sh [VERDEEL]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
verdeel=$(realpath "${1:-$root/.build/release/verdeel}")
work=$(mktemp -d)
chmod 755 "$work"   # munged runs as the munge user and must reach its folder
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -f "$work/munge/munged.pid" ] && kill "$(cat "$work/munge/munged.pid")" 2>/dev/null || true
    sleep 0.2
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "slurm check failed: $1" >&2; for log in "$work"/*.log "$work"/run/*.log; do [ -f "$log" ] && { echo "== $log" >&2; tail -20 "$log" >&2; }; done; exit 1; }

host=$(hostname)
mkdir -p "$work"/{state,spool,run,munge,socket}
# munge: a key of our own and a daemon on our own socket, as the munge user.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chown -R munge:munge "$work/munge" "$work/socket"
chmod 700 "$work/munge"
chmod 755 "$work/socket"
chmod 400 "$work/munge/munge.key"
socket="$work/socket/munge.socket"
setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed"

cat > "$work/slurm.conf" <<CONF
ClusterName=verdeel
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start"
/usr/sbin/slurmctld -D -f "$SLURM_CONF" > "$work/run/slurmctld.out.log" 2>&1 &
pids+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" > "$work/run/slurmd.out.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 0.2; done
sinfo -h -o %T | grep -q idle || fail "the node did not come up"

# The scenario: the bundled one with variants, draws, ranks, fairness and infeasible variants.
cp "$root/Scenarios/sociale-agenda.verdeel" "$work/"
cp -r "$root/Scenarios/data" "$work/data"
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import importlib.util as u; s = u.spec_from_file_location("c", sys.argv[2]); m = u.module_from_spec(s); s.loader.exec_module(m); open(sys.argv[3], "w").write(m.MIXED)' \
    "$root/scripts/lib" "$root/scripts/check-shards.py" "$work/mixed.verdeel"
(cd "$work" && "$verdeel" run mixed.verdeel --scenario mixed --output whole > /dev/null 2>&1) || fail "the unsharded run failed"

started=$(date +%s.%N)
array=$(cd "$work" && VERDEEL="$verdeel" sbatch --parsable --array=0-3 --chdir="$work" "$root/Scenarios/cluster/shard.sbatch" mixed.verdeel mixed "$work/parts")
merge=$(cd "$work" && VERDEEL="$verdeel" sbatch --parsable --dependency=afterok:"$array" --chdir="$work" "$root/Scenarios/cluster/merge.sbatch" "$work/parts" "$work/merged")
for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] && break
    sleep 0.2
done
[ -z "$(squeue -h -j "$array,$merge")" ] || fail "the jobs did not finish in 120 s"
seconds=$(python3 -c "import sys, time; print(round(time.time() - float(sys.argv[1]), 1))" "$started")
[ -d "$work/merged" ] || fail "the merge job wrote nothing"
diff -r "$work/whole" "$work/merged" > "$work/diff.log" || fail "the merged folder differs from the unsharded run"
parts=$(ls -d "$work"/parts/part-* | wc -l)
echo "slurm: a 4-task array ($parts parts) and its merge job on a single-node cluster in $seconds s; merged files equal the unsharded run's byte for byte"
