#!/usr/bin/env python3
"""Usage: bench/load/summarize.py RESULTS_DIR -> markdown table of every relay-N.json / janus-N.json there,
with delivered packets per server CPU-second as a share of the sendto baseline measured in the same run."""
import json, pathlib, re, sys

d = pathlib.Path(sys.argv[1])
base = [json.loads(p.read_text())["median"]["datagramsPerCpuSecond"] for p in sorted(d.glob("sendto-baseline*.json"))]
baseline = sorted(base)[len(base) // 2] if base else None
def f(v, fmt="{:.1f}"):
    return "n/a" if v is None else fmt.format(v)
rows = []
for p in d.glob("*-[0-9]*.json"):
    m = re.match(r"(relay|janus)-(\d+)\.json", p.name)
    if not m: continue
    r = json.loads(p.read_text()); s = r.get("server") or {}
    eg = s.get("deliveredPacketsPerCpuSecond")
    rows.append((int(m.group(2)), m.group(1), r, s, eg))
print(f"sendto baseline (median of runs): {f(baseline, '{:,.0f}')} datagrams per CPU-second\n")
print("| server | players | connected / failed / with keyframe | join→keyframe p50 / p95 ms | loss % | UDP drops server / players | fwd p50 / p99 / max ms (whole run) | fwd p50 / p99 / max ms (steady) | to read p50 / p99 ms (steady) | server cores | delivered pkts per CPU-s | vs sendto | RSS per player KB | tool cores |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for n, kind, r, s, eg in sorted(rows, key=lambda x: (x[0], x[1] != "relay")):
    j, fd, sd = r["joinToKeyframeMs"], r["forwardingDelayMs"], r.get("steadyForwardingDelayMs") or {}
    rd = r.get("steadyReadDelayMs") or {}
    share = f(100 * eg / baseline, "{:.0f}%") if eg and baseline else "n/a"
    print(f"| {kind} | {n} | {r['playersConnected']} / {r['playersFailed']} / {r['playersWithKeyframe']} | {f(j['p50'], '{:.0f}')} / {f(j['p95'], '{:.0f}')} | {r['lossPercent']:.3f} "
          f"| {f(r.get('serverSocketDrops'), '{:.0f}')} / {f(r.get('playerSocketDrops'), '{:.0f}')} "
          f"| {f(fd['p50'], '{:.2f}')} / {f(fd['p99'], '{:.1f}')} / {f(fd['max'], '{:.0f}')} "
          f"| {f(sd.get('p50'), '{:.2f}')} / {f(sd.get('p99'), '{:.1f}')} / {f(sd.get('max'), '{:.0f}')} "
          f"| {f(rd.get('p50'), '{:.2f}')} / {f(rd.get('p99'), '{:.1f}')} | {f(s.get('cpuCores'), '{:.2f}')} | {f(eg, '{:,.0f}')} | {share} "
          f"| {f(s.get('rssPerPlayerKb'), '{:.0f}')} | {r['toolCpuCores']:.2f} |")
