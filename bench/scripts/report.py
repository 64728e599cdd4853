#!/usr/bin/env python3
"""Turns the outputs of one bench/scripts/run-all.sh run into the markdown results table of bench/README.md.

    python3 bench/scripts/report.py [RESULTS_DIR]      (default bench/target/results)

Reads evaluation.json and kiebase.json (JMH -rf json), http.tsv, pgbench.tsv, impact.tsv, memory.tsv and
machine.txt; prints the tables, the ratios and whether each target of issue 8 is met; writes results.md beside them.
Every figure is a median (JMH: the p50 of the sampled times; wrk: the p50 latency of the point).
"""
import csv
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "target", "results")


def load_json(name):
    p = os.path.join(out, name)
    return json.load(open(p)) if os.path.exists(p) else []


def load_tsv(name):
    p = os.path.join(out, name)
    if not os.path.exists(p):
        return []
    with open(p) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def jmh(results, bench, plan=None):
    for r in results:
        if r["benchmark"].endswith("." + bench) and (plan is None or r.get("params", {}).get("plan") == plan):
            return r["primaryMetric"]
    return None


def p50(metric):
    return None if metric is None else metric["scorePercentiles"]["50.0"]


def fmt(x, digits=0):
    if x is None:
        return "n/a"
    return f"{x:,.{digits}f}"


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


lines = []
w = lines.append
machine = open(os.path.join(out, "machine.txt")).read().strip() if os.path.exists(os.path.join(out, "machine.txt")) else ""
w(machine)
w("")

# --- engine
ev = load_json("evaluation.json")
w("### Engine (JMH, one thread; median of the sampled times, µs per plan)")
w("")
w("| plan | Drools (PlanEvaluator) | plain Java floor | Drools / plain | read + Drools | read only |")
w("| --- | ---: | ---: | ---: | ---: | ---: |")
ratios = {}
for plan, label in (("realistic", "realistic (phuket-livable-pass)"), ("large", "generated 7 × 20 × 5")):
    d, j = p50(jmh(ev, "drools", plan)), p50(jmh(ev, "plainJava", plan))
    ratios[plan] = d / j if d and j else None
    w(f"| {label} | {fmt(d, 1)} | {fmt(j, 1)} | {fmt(ratios[plan], 1)}× | "
      f"{fmt(p50(jmh(ev, 'readAndDrools', plan)), 1)} | {fmt(p50(jmh(ev, 'readOnly', plan)), 1)} |")
va = load_json("variants.json")
if va:
    w("")
    w(f"Same rules, realistic plan's facts, no result assembly: new stateless session per plan "
      f"{fmt(p50(jmh(va, 'stateless')), 1)} µs; stateful session from a KieSessionsPool "
      f"{fmt(p50(jmh(va, 'pooled')), 1)} µs (EngineVariantsBenchmark).")
w("")
kb = load_json("kiebase.json")
w("### KieBase build (JMH single shot, median ms)")
w("")
w("| compile the rules folder | full check (compile + rule tests) |")
w("| ---: | ---: |")
w(f"| {fmt(p50(jmh(kb, 'compile')))} | {fmt(p50(jmh(kb, 'check')))} |")
w("")

# --- http
http = load_tsv("http.tsv")
w("### HTTP (wrk, closed loop; requests/s, latency p50 / p99 ms; service CPU ms per request)")
w("")
w("| db | clients | GET /ping (admin) | POST /api/noop | POST /api/evaluate | POST /api/plans | plans / noop | evaluate / noop |")
w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
pts = {(r["db"], r["endpoint"], r["clients"]): r for r in http}


def cell(r):
    if r is None:
        return "n/a"
    bad = int(r["non2xx"] or 0) + int(r["errors"] or 0)
    cpu = f" · {float(r['cpu_ms_per_req']):.2f} cpu-ms" if r.get("cpu_ms_per_req") else ""
    return (f"{float(r['rps']):,.0f}/s · {float(r['p50_ms']):.1f} / {float(r['p99_ms']):.1f} ms" + cpu
            + (f" · {bad} errors" if bad else ""))


def rps(db, ep, c):
    r = pts.get((db, ep, c))
    return float(r["rps"]) if r else None


for db in ("h2", "pg"):
    for c in ("16", "64"):
        if not any(k[0] == db and k[2] == c for k in pts):
            continue
        noop = rps(db, "noop", c)
        w(f"| {'H2' if db == 'h2' else 'PostgreSQL'} | {c} | {cell(pts.get((db, 'ping', c)))} | "
          f"{cell(pts.get((db, 'noop', c)))} | {cell(pts.get((db, 'evaluate', c)))} | {cell(pts.get((db, 'plans', c)))} | "
          f"{fmt(rps(db, 'plans', c) / noop * 100 if noop and rps(db, 'plans', c) else None)} % | "
          f"{fmt(rps(db, 'evaluate', c) / noop * 100 if noop and rps(db, 'evaluate', c) else None)} % |")
w("")

pg = load_tsv("pgbench.tsv")
w("### PostgreSQL floor (pgbench, one INSERT per transaction)")
w("")
w("| clients | commits/s | stored decisions/s (POST /api/plans, PostgreSQL) | stored / pgbench |")
w("| ---: | ---: | ---: | ---: |")
pg_ratio64 = None
for r in pg:
    s = rps("pg", "plans", r["clients"])
    ratio = s / float(r["tps"]) if s and r["tps"] else None
    if r["clients"] == "64":
        pg_ratio64 = ratio
    w(f"| {r['clients']} | {float(r['tps']):,.0f} | {fmt(s)} | {fmt(ratio * 100 if ratio else None, 1)} % |")
if pg:
    w("")
    w(f"PostgreSQL settings: `{pg[0]['settings']}`")
w("")

imp = load_tsv("impact.tsv")
w("### Impact analysis (PostgreSQL, service at -Xmx" + (imp[0]["xmx"] if imp else "?") + ")")
w("")
w("| plans | wall s | plans/s | changed plans | peak heap used (sampled) MiB | largest heap after a GC MiB |")
w("| ---: | ---: | ---: | ---: | ---: | ---: |")
for r in imp:
    w(f"| {int(r['plans']):,} | {r['wall_s']} | {r['plans_per_s']} | {r['changed_plans']} | "
      f"{r['peak_heap_used_mib']} | {r['max_heap_after_gc_mib']} |")
w("")
mem = load_tsv("memory.tsv")
w("### Memory (the service on PostgreSQL; heap after a full GC, process RSS)")
w("")
w("| when | heap after GC MiB | RSS MiB |")
w("| --- | ---: | ---: |")
for r in mem:
    w(f"| {r['when']} | {r['heap_after_gc_mib']} | {r['rss_mib']} |")
w("")

# --- targets
w("### Targets of issue 8")
w("")
w("| target | measured | |")
w("| --- | --- | --- |")
dr = p50(jmh(ev, "drools", "realistic"))
w(f"| Drools within 10× of the plain-Java floor | realistic {fmt(ratios.get('realistic'), 1)}×, "
  f"large {fmt(ratios.get('large'), 1)}× | "
  f"{verdict(None if ratios.get('realistic') is None else all(r is not None and r <= 10 for r in ratios.values()))} |")
w(f"| p50 under 200 µs for the realistic plan | {fmt(dr, 1)} µs | {verdict(None if dr is None else dr < 200)} |")
p64 = pts.get(("pg", "plans", "64"))
s64 = rps("pg", "plans", "64")
n64 = rps("pg", "noop", "64")
e64 = rps("pg", "evaluate", "64")
w(f"| PostgreSQL, 64 clients: ≥ 1,000 stored decisions/s | {fmt(s64)}/s | {verdict(None if s64 is None else s64 >= 1000)} |")
w(f"| … with p99 under 50 ms | {p64['p99_ms'] if p64 else 'n/a'} ms | "
  f"{verdict(None if p64 is None else float(p64['p99_ms']) < 50)} |")
w(f"| … at least half the no-op rate | {fmt(s64 / n64 * 100 if s64 and n64 else None)} % | "
  f"{verdict(None if not (s64 and n64) else s64 >= 0.5 * n64)} |")
w(f"| evaluate-only at least 70 % of the no-op rate | {fmt(e64 / n64 * 100 if e64 and n64 else None)} % | "
  f"{verdict(None if not (e64 and n64) else e64 >= 0.7 * n64)} |")
w(f"| (stored decisions / pgbench commits, 64 clients) | {fmt(pg_ratio64 * 100 if pg_ratio64 else None, 1)} % | info |")
if imp:
    r = imp[0]
    w(f"| impact analysis ≥ 2,000 plans/s | {r['plans_per_s']} plans/s over {int(r['plans']):,} plans | "
      f"{verdict(float(r['plans_per_s']) >= 2000)} |")
    w(f"| … with heap under 1 GiB | peak used {r['peak_heap_used_mib']} MiB (ran at -Xmx{r['xmx']}) | "
      f"{verdict(float(r['peak_heap_used_mib']) < 1024)} |")

text = "\n".join(lines) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
print(text)
