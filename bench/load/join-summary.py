#!/usr/bin/env python3
"""Usage: bench/load/join-summary.py DIR...   One markdown row per join row (join-N.json or relay-N.json, + uptime-N.txt)."""
import glob
import json
import os
import re
import sys


def f(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


print("| row | load avg (1 min) before → after | connected / failed / with keyframe | join→keyframe p50 / p95 / max ms | connect p50 / p95 ms | ICE p50 / p95 | DTLS 1st reply p50 / p95 | DTLS rest p50 / p95 | connected→keyframe p50 / p95 | steady fwd p50 / p99 ms | player drops | RSS / player KB | tool cores |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for d in sys.argv[1:]:
    for path in sorted(glob.glob(os.path.join(d, "join-*.json")) + glob.glob(os.path.join(d, "relay-*.json"))):
        r = json.load(open(path))
        n = r["playersRequested"]
        loads = re.findall(r"load average: ([0-9.]+)", open(os.path.join(d, f"uptime-{n}.txt")).read()) if os.path.exists(os.path.join(d, f"uptime-{n}.txt")) else []
        s = r.get("joinStepsMs") or {}
        def step(name, key):
            x = s.get(name) or {}
            return x.get(key)
        srv = r.get("server") or {}
        j, c, st = r["joinToKeyframeMs"], r["connectMs"], r["steadyForwardingDelayMs"]
        print(f"| {os.path.basename(d.rstrip('/'))} | {' → '.join(loads)} | {r['playersConnected']} / {r['playersFailed']} / {r['playersWithKeyframe']} "
              f"| {f(j['p50'])} / {f(j['p95'])} / {f(j['max'])} | {f(c['p50'])} / {f(c['p95'])} "
              f"| {f(step('ice','p50'))} / {f(step('ice','p95'))} | {f(step('dtlsFirstReply','p50'))} / {f(step('dtlsFirstReply','p95'))} "
              f"| {f(step('dtlsRest','p50'))} / {f(step('dtlsRest','p95'))} | {f(step('connectedToKeyframe','p50'))} / {f(step('connectedToKeyframe','p95'))} "
              f"| {f(st['p50'],1)} / {f(st['p99'],1)} | {f(r.get('playerSocketDrops'))} | {f(srv.get('rssPerPlayerKb'))} | {r['toolCpuCores']:.2f} |")
