"""Build dev.jsonl / test.jsonl for a benchmark from tools/cases_<name>.py.

gold_sources = the item's gold documents plus every translation NAME.<lang>.md
present in the KB; answer_contains is checked to occur in a gold file.
Split: all language variants of one item go to the same split, chosen by a
hash of the item id, balanced per reason.  Usage: python make_cases.py NAME
"""
import hashlib
import importlib.util
import json
import os
import re
import sys

NAME = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(os.path.dirname(HERE), NAME)
KB = os.path.join(BENCH, "kb")
spec = importlib.util.spec_from_file_location("c", os.path.join(HERE, "cases_%s.py" % NAME.replace("-", "_")))
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
files = sorted(os.listdir(KB))
def norm(s):
    return re.sub(r"\s+", " ", s).lower()
def golds(stems):
    out = []
    for st in stems:
        out += [f for f in files if f == st + ".md" or re.fullmatch(re.escape(st) + r"\.[a-z]{2}\.md", f)]
    return out
by_reason = {}
for it in mod.ITEMS:
    by_reason.setdefault(it[2], []).append(it)
split_of = {}
for reason, items in by_reason.items():
    items = sorted(items, key=lambda it: hashlib.sha256((NAME + ":" + it[0]).encode()).hexdigest())
    for i, it in enumerate(items):
        split_of[it[0]] = "dev" if i % 2 == 0 else "test"
out = {"dev": [], "test": []}
errors = 0
for it in mod.ITEMS:
    iid, expect, reason, stems, contains, texts = it[:6]
    extra = it[6] if len(it) > 6 else {}
    gs = golds(stems) if expect == "answer" else []
    if expect == "answer":
        assert gs, iid
        if contains:
            texts_g = [norm(open(os.path.join(KB, g)).read()) for g in gs]
            for c in contains:
                pass
            if not any(norm(c) in t for c in contains for t in texts_g):
                print("answer_contains not found:", iid, contains); errors += 1
    for lang, text in texts.items():
        case = {"id": "%s-%s-%s" % (NAME, iid, lang), "text": text, "lang": lang, "expect": expect,
                "reason": reason, "gold_sources": gs, "order_value": extra.get("order_value")}
        if expect == "answer" and contains:
            case["answer_contains"] = contains
        hist = extra.get("history", {}).get(lang)
        if hist:
            case["history"] = [{"role": r, "text": t} for r, t in hist]
        if extra.get("source"):
            case["source"] = extra["source"]
        tags = ["item:" + iid] + list(extra.get("tags", []))
        real = any(t in ("real", "real-adapted") for t in tags)
        if lang != "en" and not real:
            tags.append("translated")
        case["tags"] = tags
        out[split_of[iid]].append(case)
if errors:
    sys.exit(1)
for sp, cases in out.items():
    with open(os.path.join(BENCH, sp + ".jsonl"), "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(NAME, sp, len(cases))
