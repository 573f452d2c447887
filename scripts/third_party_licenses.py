#!/usr/bin/env python3
"""Writes the licences of every crate compiled into poscare.exe, for the zip and the installer.

Usage: scripts/third_party_licenses.py TARGET OUT_FILE
Reads `cargo metadata` for TARGET (e.g. x86_64-pc-windows-gnu), walks the normal (shipped)
dependencies of the poscare package (build scripts and dev-dependencies are not shipped), and
writes each crate's name, version and licence expression, then the licence texts found in the
crates (LICENSE*, COPYING*, NOTICE*), each distinct text once with the crates that carry it.
Exits non-zero if a shipped crate has neither a licence expression nor a licence file.
"""
import json
import os
import subprocess
import sys

target, out_path = sys.argv[1], sys.argv[2]
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target]))
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = next(p["id"] for p in meta["packages"] if p["name"] == "poscare")

shipped, todo = set(), [root]
while todo:
    node = nodes[todo.pop()]
    for dep in node["deps"]:
        if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in shipped:
            shipped.add(dep["pkg"])
            todo.append(dep["pkg"])

texts = {}  # licence text -> crates carrying it
rows, missing = [], []
for pid in sorted(shipped, key=lambda i: (packages[i]["name"], packages[i]["version"])):
    p = packages[pid]
    folder = os.path.dirname(p["manifest_path"])
    files = sorted(f for f in os.listdir(folder)
                   if f.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))
                   and os.path.isfile(os.path.join(folder, f)))
    if p.get("license_file"):
        files.append(p["license_file"])
    label = f'{p["name"]} {p["version"]}'
    if not p.get("license") and not files:
        missing.append(label)
    rows.append(f'{label:<48} {p.get("license") or "(see its licence file)"}')
    for f in dict.fromkeys(files):
        with open(os.path.join(folder, f), encoding="utf-8", errors="replace") as fh:
            texts.setdefault(fh.read().strip(), []).append(label)

if missing:
    sys.exit("no licence found for: " + ", ".join(missing))

with open(out_path, "w", encoding="utf-8", newline="\r\n") as out:
    out.write("Open-source components compiled into poscare.exe, and their licences\n")
    out.write("=" * 72 + "\n\n")
    out.write("\n".join(rows) + "\n")
    for text, crates in texts.items():
        out.write("\n\n" + "-" * 72 + "\n")
        out.write("Used by: " + ", ".join(crates) + "\n\n")
        out.write(text + "\n")
print(f"{len(rows)} crates, {len(texts)} distinct licence texts -> {out_path}")
