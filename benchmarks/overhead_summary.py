"""Summary of servlet-overhead.sh / spring-overhead.sh: reads the raw wrk output of every round and
prints per-round values, medians, per-round paired differences and the verdict against the goals
(throughput ratio >= 0.97, p99 added < 50 µs).

Usage: overhead_summary.py <out-dir> <rounds> <groups|-> <baseline> <variant>...
Files: <out-dir>/[<group>-]<variant>-{tput,lat}-<round>.txt, <out-dir>/environment.txt.
"""

import re
import statistics
import sys

RATIO_GOAL = 0.97
P99_GOAL_US = 50.0
SUBJECT = "srekit"
UNITS_US = {"us": 1.0, "ms": 1e3, "s": 1e6}


def parse(path):
    text = open(path, encoding="utf-8").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    pct = {}
    for p in ("50", "99"):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        pct[p] = float(m.group(1)) * UNITS_US[m.group(2)]
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors += sum(int(x) for x in m.groups()) if m else 0
    return {"rps": rps, "p50": pct["50"], "p99": pct["99"], "errors": errors}


def fmt(xs, digits=0):
    return " ".join(f"{x:.{digits}f}" for x in xs)


def spread(xs):
    return f"{min(xs):.3f}–{max(xs):.3f}" if len(xs) > 1 else f"{xs[0]:.3f}"


def load(out, rounds, prefix, variant):
    runs = []
    for r in range(1, rounds + 1):
        tput = parse(f"{out}/{prefix}{variant}-tput-{r}.txt")
        lat = parse(f"{out}/{prefix}{variant}-lat-{r}.txt")
        runs.append(
            {
                "rps": tput["rps"],
                "p50": lat["p50"],
                "p99": lat["p99"],
                "errors": tput["errors"] + lat["errors"],
            }
        )
    return runs


def table(runs_by_variant):
    print("| variant | req/s per round | median req/s | c1 p50 per round (µs) | median p50 (µs) "
          "| c1 p99 per round (µs) | median p99 (µs) |")
    print("|---|---|---:|---|---:|---|---:|")
    for v, runs in runs_by_variant.items():
        col = {k: [x[k] for x in runs] for k in ("rps", "p50", "p99")}
        print(f"| {v} | {fmt(col['rps'])} | {statistics.median(col['rps']):.0f} "
              f"| {fmt(col['p50'])} | {statistics.median(col['p50']):.0f} "
              f"| {fmt(col['p99'])} | {statistics.median(col['p99']):.0f} |")
    errors = {v: sum(x["errors"] for x in runs) for v, runs in runs_by_variant.items()}
    if any(errors.values()):
        print(f"\nWARNING: non-2xx responses or socket errors: {errors}")


def compare(name, runs, base_name, base, goals):
    """Paired per round: both variants ran in the same round, minutes apart at most."""
    ratios = [a["rps"] / b["rps"] for a, b in zip(runs, base)]
    d50 = [a["p50"] - b["p50"] for a, b in zip(runs, base)]
    d99 = [a["p99"] - b["p99"] for a, b in zip(runs, base)]
    ratio, add50, add99 = (statistics.median(x) for x in (ratios, d50, d99))
    print(f"{name} vs {base_name}, paired per round:")
    print(f"  throughput ratio per round: {fmt(ratios, 3)}; median {ratio:.3f} "
          f"(range {spread(ratios)})")
    print(f"  p50 added per round (µs): {fmt(d50)}; median {add50:.0f}")
    print(f"  p99 added per round (µs): {fmt(d99)}; median {add99:.0f}")
    if goals:
        straddles = min(ratios) < RATIO_GOAL <= max(ratios)
        verdict = "met" if ratio >= RATIO_GOAL else "NOT met"
        print(f"  goal throughput >= {RATIO_GOAL:.2f} x {base_name}: {verdict} ({ratio:.3f})"
              + ("; per-round ratios straddle the goal" if straddles else ""))
        verdict = "met" if add99 < P99_GOAL_US else "NOT met"
        print(f"  goal p99 added < {P99_GOAL_US:.0f} µs: {verdict} ({add99:.0f} µs)")


def main():
    out, rounds, groups, baseline = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    variants = sys.argv[5:]
    print(open(f"{out}/environment.txt", encoding="utf-8").read().rstrip())
    for group in groups.split() if groups != "-" else [None]:
        prefix = f"{group}-" if group else ""
        runs = {v: load(out, rounds, prefix, v) for v in variants}
        print()
        if group:
            print(f"### {group}\n")
        table(runs)
        print()
        for v in variants:
            if v != baseline:
                compare(v, runs[v], baseline, runs[baseline], goals=v == SUBJECT)
        for v in variants:
            if v not in (baseline, SUBJECT) and SUBJECT in runs:
                compare(SUBJECT, runs[SUBJECT], v, runs[v], goals=False)


if __name__ == "__main__":
    main()
