#!/usr/bin/env bash
# Did a commit make loopbench slower, measured on this machine?  Builds two commits and runs them
# interleaved, then compares the two series pair by pair.
#
#   scripts/ab.sh [--pairs N] [--out DIR] [--base-options 'OPTS'] [--candidate-options 'OPTS']
#                 [--threshold PCT] BASE_REF CANDIDATE_REF [run-all options...]
#
#   BASE_REF, CANDIDATE_REF  git commits (main, HEAD~1, a sha, origin/main); '.' is this checkout as it
#                            is, uncommitted changes included (no worktree, no second build)
#   run-all options          what each run measures (default: --ci); e.g. --quick, --runtimes ID,ID,
#                            --workloads echo. Each run also gets --no-calibration.
#   --pairs N                pairs of runs (default 8); more pairs resolve smaller changes (the verdict
#                            prints, per figure, the smallest change its samples could detect)
#   --base-options, --candidate-options
#                            run-all options for one side only, e.g. a runtime option that differs
#   --threshold PCT          passed to compare (default: the metric catalog's, 10% unless a metric has its own)
#   --out DIR                where the series go (must not exist; default results/ab/<UTC time>-<base>-<cand>)
#
# Why interleaved: this machine's speed drifts by up to ±25% within minutes. Runs go in ABBA order
# (A B, B A, A B, ...), so that drift and any effect of going first hit both sides alike; run i of each
# side is a pair, named DIR/base/NN and DIR/cand/NN, and compare judges each figure on the per-pair
# ratios (paired t on logs). Each ref is built once, in a git worktree under DIR/src (removed at the end).
#
# Exit status: compare's (0 no regression, 1 regression or a missing result, 2 bad input); 2 also when a
# ref does not exist, a build fails or a run refuses its options.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

usage() { sed -n '2,/^set -uo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
die() { echo "loopbench ab: $*" >&2; exit 2; }

pairs=8 out="" base_opts="" cand_opts="" threshold=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --pairs) [ $# -ge 2 ] || die "--pairs needs a number"; pairs=$2; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs a directory"; out=$2; shift 2 ;;
        --base-options) [ $# -ge 2 ] || die "--base-options needs a value"; base_opts=$2; shift 2 ;;
        --candidate-options) [ $# -ge 2 ] || die "--candidate-options needs a value"; cand_opts=$2; shift 2 ;;
        --threshold) [ $# -ge 2 ] || die "--threshold needs a percentage"; threshold=(--threshold "$2"); shift 2 ;;
        --) shift; break ;;
        -*) die "unknown option $1 (scripts/ab.sh --help)" ;;
        *) break ;;
    esac
done
[ $# -ge 2 ] || { usage >&2; die "BASE_REF and CANDIDATE_REF are required"; }
base_ref=$1 cand_ref=$2; shift 2
run_opts=("$@")
[ ${#run_opts[@]} -gt 0 ] || run_opts=(--ci)
[[ "$pairs" =~ ^[0-9]+$ ]] && [ "$pairs" -ge 2 ] && [ "$pairs" -le 50 ] || die "--pairs $pairs: a whole number in [2, 50] (one pair has no spread to judge by)"

# A ref to a commit id; '.' stays '.' (this checkout).
resolve() {
    if [ "$1" = . ]; then echo .; return; fi
    git -C "$repo" rev-parse --verify --quiet "$1^{commit}" || die "'$1' is not a commit of this repository"
}
base_sha=$(resolve "$base_ref") || exit 2
cand_sha=$(resolve "$cand_ref") || exit 2
short() { [ "$1" = . ] && echo worktree || echo "${1:0:8}"; }
[ -n "$out" ] || out="results/ab/$(date -u +%Y%m%dT%H%M%SZ)-$(short "$base_sha")-$(short "$cand_sha")"
[ -e "$out" ] && die "$out exists: a series directory is never reused (choose another --out)"
mkdir -p "$out/base" "$out/cand" || die "cannot create $out"
out=$(cd "$out" && pwd)

# One checkout per distinct ref: '.' is this one; a commit gets a detached worktree under $out/src.
worktrees=()
cleanup() {
    for w in "${worktrees[@]}"; do git -C "$repo" worktree remove --force "$w" >/dev/null 2>&1; done
    rmdir "$out/src" 2>/dev/null
}
trap cleanup EXIT
trap 'echo "loopbench ab: interrupted; the runs so far are in $out" >&2; exit 130' INT TERM
checkout() {
    if [ "$1" = . ]; then echo "$repo"; return; fi
    local dir="$out/src/$1"
    if [ ! -d "$dir" ]; then
        git -C "$repo" worktree add --detach --quiet "$dir" "$1" >&2 || die "cannot check out $1 into $dir"
        worktrees+=("$dir")
    fi
    echo "$dir"
}
base_dir=$(checkout "$base_sha") || exit 2
cand_dir=$(checkout "$cand_sha") || exit 2
# $(...) ran checkout in a subshell: record the worktrees for cleanup here
for d in "$base_dir" "$cand_dir"; do [ "$d" != "$repo" ] && worktrees+=("$d"); done

# Build each checkout once, up front (run-all builds when stale): a build never lands between two runs.
# --no-calibration only where the checkout knows it (an older base may not).
declare -A calibration_off
for d in $(printf '%s\n' "$base_dir" "$cand_dir" | sort -u); do
    echo "loopbench ab: building in $d" >&2
    (cd "$d" && scripts/run-all.sh "${run_opts[@]}" --dry-run >"$out/build-$(basename "$d").log" 2>&1) \
        || die "the build or the plan failed in $d (see $out/build-$(basename "$d").log)"
    if (cd "$d" && scripts/run-all.sh --help 2>/dev/null | grep -q -- --no-calibration); then
        calibration_off[$d]=--no-calibration
    else
        calibration_off[$d]=""
    fi
done

# run SIDE DIR NN EXTRA: one run of one side; a failed run is kept (compare flags what it lost)
run_one() {
    local side=$1 dir=$2 nn=$3 extra=$4 rc
    local target="$out/$side/$nn"
    echo "loopbench ab: [$nn/$(printf %02d "$pairs")] $side ($(date -u +%T))" >&2
    # shellcheck disable=SC2086 # the side's extra options are word-split on purpose
    (cd "$dir" && scripts/run-all.sh "${run_opts[@]}" ${calibration_off[$dir]} $extra --out "$target") \
        >"$out/$side-$nn.log" 2>&1
    rc=$?
    if [ "$rc" = 2 ]; then
        die "the $side run refused its options (see $out/$side-$nn.log)"
    fi
    [ "$rc" = 0 ] || echo "loopbench ab: the $side run $nn exited $rc (kept; see $out/$side-$nn.log)" >&2
}

started=$(date +%s)
for i in $(seq 1 "$pairs"); do
    nn=$(printf %02d "$i")
    if [ $((i % 2)) = 1 ]; then
        run_one base "$base_dir" "$nn" "$base_opts"; run_one cand "$cand_dir" "$nn" "$cand_opts"
    else
        run_one cand "$cand_dir" "$nn" "$cand_opts"; run_one base "$base_dir" "$nn" "$base_opts"
    fi
done
echo "loopbench ab: $pairs pairs in $(( ($(date +%s) - started) / 60 )) min; comparing" >&2

scripts/compare.sh "$out/base" "$out/cand" "${threshold[@]}" --markdown "$out/compare.md" \
    --github-json "$out/github-benchmark" | tee "$out/compare.txt"
exit "${PIPESTATUS[0]}"
