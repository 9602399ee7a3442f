"""The eval report: report.json, report.md and three PNG charts; and the combined table of `--all`."""

from __future__ import annotations

import json
from pathlib import Path

HEADLINE = ["resolution_rate", "wrong_answer_rate", "clarification_rate", "resolved_after_choice", "handoff_precision", "handoff_recall", "hit_at_1",
            "hit_at_5", "mrr_at_10", "reply_language_accuracy", "confidence_auc", "latency_ms_p50", "latency_ms_p95"]  # fmt: skip
# The combined table of `triage eval --all`: column title, then the summary row's key(s).
SUMMARY_COLUMNS = [
    ("KB", ("kb",)), ("split", ("split",)), ("cases", ("cases",)), ("resolution", ("resolution_rate",)),
    ("wrong", ("wrong_answer_rate",)), ("clarification", ("clarification_rate",)),
    ("handoff P / R", ("handoff_precision", "handoff_recall")), ("hit@1", ("hit_at_1",)), ("AUC", ("confidence_auc",)),
    ("resolution @3% wrong", ("resolution_at_3pct_wrong",)), ("reply language", ("reply_language_accuracy",)),
    ("p95 ms", ("latency_ms_p95",)),
]  # fmt: skip


def public(report: dict) -> dict:
    return {k: v for k, v in report.items() if not k.startswith("_")}


def public_summary(summary: dict) -> dict:
    return {**summary, "runs": [public(row) for row in summary["runs"]]}


def write(report: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in ("report.json", "report.md", "languages.png", "threshold_sweep.png", "reliability.png")]
    paths[0].write_text(json.dumps(public(report), ensure_ascii=False, indent=2), encoding="utf-8")
    paths[1].write_text(markdown(report), encoding="utf-8")
    _languages_chart(report, paths[2])
    _sweep_chart(report, paths[3])
    _reliability_chart(report, paths[4])
    if report.get("learning"):
        paths.append(out / "learning.png")
        _learning_chart(report["learning"], paths[-1])
    return paths


def write_summary(summary: dict, out: Path) -> list[Path]:
    """summary.json and summary.md in ``out``, and each run's full report in ``out/<kb>/<split>/``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "summary.json", out / "summary.md"]
    paths[0].write_text(json.dumps(public_summary(summary), ensure_ascii=False, indent=2), encoding="utf-8")
    paths[1].write_text(summary_markdown(summary), encoding="utf-8")
    for row in summary["runs"]:
        paths += write(row["_report"], out / row["kb"] / row["split"])
    return paths


def _fmt(value) -> str:
    """Rates (at most 1) to three decimals, milliseconds to one."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"
    return str(value)


def summary_markdown(summary: dict) -> str:
    lines = ["# Every KB and split", "", f"Embedder `{summary['embedder']}`. Resolution @3% wrong: the most resolution any "
             "answer threshold reaches with at most 3% of cases answered wrongly (in hindsight, on that split).", ""]
    lines += ["| " + " | ".join(title for title, _ in SUMMARY_COLUMNS) + " |", "|---" * len(SUMMARY_COLUMNS) + "|"]
    for row in summary["runs"]:
        lines.append("| " + " | ".join(" / ".join(_fmt(row[k]) for k in keys) for _, keys in SUMMARY_COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def markdown(report: dict) -> str:
    systems = {"assistant": report, **report["baselines"]}
    lines = [f"# Eval report: {report['cases_file']}", "", f"KB `{report['kb']}`, {report['cases']} cases, embedder `{report['embedder']}`, "
             f"answer threshold {report['threshold']} ({report['threshold_source']}).", "", "## Headline figures", ""]
    lines += ["| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for key in HEADLINE:
        lines.append(f"| {key} | " + " | ".join(_fmt(s["metrics"][key]) for s in systems.values()) + " |")
    if report["baselines"]:
        lines += ["", "Baselines answer with their top chunk when its score reaches the threshold that gives them the most "
                  f"resolution at ≤{report['operating_points']['target_wrong_rate']:.0%} wrong answers on these very cases: "
                  + ", ".join(f"{n} {s['threshold']:.2f}" for n, s in report["baselines"].items()) + "."]
    lines += _learning(report.get("learning"))
    lines += _operating_points(report)
    lines += ["", "## Per language", "", "| lang | cases | resolution | wrong | clarification | hit@1 | hit@5 | AUC | reply language |",
              "|---|---|---|---|---|---|---|---|---|"]
    for lang, m in report["by_language"].items():
        lines.append(f"| {lang} | {m['cases']} | {_fmt(m['resolution_rate'])} | {_fmt(m['wrong_answer_rate'])} | {_fmt(m['clarification_rate'])} | "
                     f"{_fmt(m['hit_at_1'])} | {_fmt(m['hit_at_5'])} | {_fmt(m['confidence_auc'])} | {_fmt(m['reply_language_accuracy'])} |")
    lines += _handoffs(report)
    lines += ["", "## Threshold sweep", "", "| threshold | resolution | wrong |", "|---|---|---|"]
    lines += [f"| {r['threshold']:.2f} | {r['resolution_rate']:.3f} | {r['wrong_answer_rate']:.3f} |" for r in report["sweep"]]
    lines += ["", "## Reliability", "", "Answers sent, and those a lower threshold would have sent, by confidence: the share "
              "that resolves its case.", "", "| confidence | answers | accuracy | mean confidence |", "|---|---|---|---|"]
    lines += [f"| {r['low']:.1f}–{r['high']:.1f} | {r['count']} | {_fmt(r['accuracy'])} | {_fmt(r['mean_confidence'])} |" for r in report["reliability"]]
    lines += _failures(report)
    return "\n".join(lines) + "\n"


def _operating_points(report: dict) -> list[str]:
    points = report["operating_points"]
    rows = [(f"threshold used ({points['threshold_used']['source']})", points["threshold_used"]),
            (f"best in hindsight (wrong ≤ {points['target_wrong_rate']:.0%})", points["best_in_hindsight"])]
    rows += [(f"most resolution at wrong ≤ {float(c):.0%}", p) for c, p in points["resolution_at_wrong"].items()]
    lines = ["", "## Operating points", "", "Each turn's answer, sent or not, judged at other answer thresholds (the sweep); "
             "at the threshold used it can differ a little from the headline, which replays histories as they ran.", "",
             "| | threshold | resolution | wrong |", "|---|---|---|---|"]
    return lines + [f"| {name} | {p['threshold']:.4g} | {p['resolution_rate']:.3f} | {p['wrong_answer_rate']:.3f} |" for name, p in rows]


def _handoffs(report: dict) -> list[str]:
    given, precision, recall = report["handoffs_by_reason"], report["handoff_precision_by_reason"], report["handoff_recall_by_reason"]
    lines = ["", "## Handoffs per reason", "", "Precision: of the handoffs giving this reason, the share whose case is of that "
             "kind. Recall: of the cases of this kind, the share handed to a person for any reason.", "",
             "| reason | handoffs giving it | precision | recall |", "|---|---|---|---|"]
    return lines + [f"| {r} | {given.get(r, 0)} | {_fmt(precision.get(r))} | {_fmt(recall.get(r))} |" for r in sorted(given.keys() | recall.keys())]


def _failures(report: dict) -> list[str]:
    counts = report["failure_counts"]
    lines = ["", f"## Failures ({len(report['failures'])})", "", "| kind | cases |", "|---|---|"]
    lines += [f"| {kind} | {n} |" for kind, n in counts.items()] + [""]
    for f in report["failures"]:
        lines.append(f"- **{f['id']}** ({f['lang']}, {f['reason']}, {f['outcome']}): {f['text']}  ")
        lines.append(f"  reply from {f['reply_sources'] or f['handoff_reasons'] or f['clarify_options']}, confidence {f['confidence']}; "
                     f"retrieved {f['retrieved'][:3]}; gold {_first(f['gold'], 4)}" + (f"; must contain one of {f['answer_contains']}" if f["answer_contains"] else ""))
    return lines


def _first(items: list[str], n: int) -> str:
    return f"{items[:n]}" + (f" and {len(items) - n} more" if len(items) > n else "")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    _pyplot().close(fig)


def _languages_chart(report: dict, path: Path) -> None:
    fig, ax = _pyplot().subplots(figsize=(7, 5))
    for lang, m in report["by_language"].items():
        x, y = m["wrong_answer_rate"] or 0, m["resolution_rate"] or 0
        ax.scatter(x, y, s=60)
        ax.annotate(lang, (x, y), textcoords="offset points", xytext=(5, 5))
    ax.set_xlabel("wrong-answer rate")
    ax.set_ylabel("resolution rate")
    ax.set_title("Resolution against wrong answers, per language")
    ax.grid(alpha=0.3)
    _save(fig, path)


def _sweep_chart(report: dict, path: Path) -> None:
    rows, points = report["sweep"], report["operating_points"]
    used, best = points["threshold_used"]["threshold"], points["best_in_hindsight"]["threshold"]
    fig, ax = _pyplot().subplots(figsize=(7, 5))
    ax.plot([r["threshold"] for r in rows], [r["resolution_rate"] for r in rows], marker="o", label="resolution rate")
    ax.plot([r["threshold"] for r in rows], [r["wrong_answer_rate"] for r in rows], marker="s", label="wrong-answer rate")
    ax.axvline(used, color="grey", linestyle="--", label=f"threshold used ({used:.3g})")
    ax.axvline(best, color="green", linestyle=":", label=f"best in hindsight ({best:.3g})")
    ax.axhline(points["target_wrong_rate"], color="red", alpha=0.3, label=f"{points['target_wrong_rate']:.0%} wrong")
    ax.set_xlabel("answer threshold (confidence)")
    ax.set_title("Confidence threshold sweep")
    ax.legend()
    ax.grid(alpha=0.3)
    _save(fig, path)


def _reliability_chart(report: dict, path: Path) -> None:
    bins = report["reliability"]
    fig, ax = _pyplot().subplots(figsize=(7, 5))
    width = bins[0]["high"] - bins[0]["low"]
    for b in bins:
        if b["count"]:
            ax.bar(b["low"] + width / 2, b["accuracy"], width=width * 0.9, color="tab:blue", alpha=0.7)
            ax.annotate(f"n={b['count']}", (b["low"] + width / 2, b["accuracy"]), ha="center", textcoords="offset points", xytext=(0, 3), fontsize=8)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfectly calibrated")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("confidence")
    ax.set_ylabel("share of answers that resolve the case")
    ax.set_title("Reliability: answers sent or held back by the threshold")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    _save(fig, path)


def _learning(learning: dict | None) -> list[str]:
    if not learning:
        return []
    first, second = learning["first_half"], learning["second_half"]
    lines = ["", "## Learning curve", "", f"Cases played in one shuffled order (seed {learning['seed']}); each answer case handed off "
             "or asked back was then resolved by a simulated agent confirming the gold document's nearest section.", "",
             "![learning curve](learning.png)", "", "| half | resolution | wrong | handoff recall |", "|---|---|---|---|",
             f"| first | {_fmt(first['resolution_rate'])} | {_fmt(first['wrong_answer_rate'])} | {_fmt(first['handoff_recall'])} |",
             f"| second | {_fmt(second['resolution_rate'])} | {_fmt(second['wrong_answer_rate'])} | {_fmt(second['handoff_recall'])} |",
             "", f"Answered from what was learned in the second half: {second['answered_from_learned']}.", "", _refit_line(learning.get("refit")), "",
             "| cases | resolution | wrong | learned questions |", "|---|---|---|---|"]
    lines += [f"| {b['cases']} | {_fmt(b['resolution_rate'])} | {_fmt(b['wrong_answer_rate'])} | {b['learned_so_far']} |" for b in learning["blocks"]]
    return lines


def _refit_line(refit: dict | None) -> str:
    if not refit:
        return ""
    if not refit.get("on", True):
        return f"Labels from the resolved handoffs: {refit['labels']}; the refit is off (TRIAGE_REFIT), the KB's threshold {refit['kb_threshold']:.3f} stays."
    moved = f"refitted to {refit['refit_threshold']:.3f}" if refit["refit_threshold"] is not None else "left where it was"
    return f"Labels from the resolved handoffs: {refit['labels']}; the KB's threshold {refit['kb_threshold']:.3f} {moved}."


def _learning_chart(learning: dict, path: Path) -> None:
    blocks = learning["blocks"]
    x = list(range(1, len(blocks) + 1))
    fig, ax = _pyplot().subplots(figsize=(7, 5))
    ax.plot(x, [b["resolution_rate"] or 0 for b in blocks], marker="o", label="resolution rate")
    ax.plot(x, [b["wrong_answer_rate"] or 0 for b in blocks], marker="s", label="wrong-answer rate")
    ax.set_xticks(x, [b["cases"] for b in blocks], rotation=45, fontsize=8)
    ax.set_xlabel(f"cases, in blocks of {learning['block_size']}")
    ax.set_ylim(0, 1)
    ax.set_title("Learning from the team's confirmations")
    ax.legend()
    ax.grid(alpha=0.3)
    _save(fig, path)
