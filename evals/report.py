"""The eval report: report.json, report.md and two PNG charts."""

from __future__ import annotations

import json
from pathlib import Path

HEADLINE = ["resolution_rate", "wrong_answer_rate", "handoff_precision", "handoff_recall", "hit_at_1", "hit_at_5",
            "mrr_at_10", "reply_language_accuracy", "latency_ms_p50", "latency_ms_p95"]  # fmt: skip


def public(report: dict) -> dict:
    return {k: v for k, v in report.items() if not k.startswith("_")}


def write(report: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "languages.png", out / "threshold_sweep.png"]
    paths[0].write_text(json.dumps(public(report), ensure_ascii=False, indent=2), encoding="utf-8")
    paths[1].write_text(markdown(report), encoding="utf-8")
    _languages_chart(report, paths[2])
    _sweep_chart(report, paths[3])
    return paths


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def markdown(report: dict) -> str:
    systems = {"assistant": report, **report["baselines"]}
    lines = [f"# Eval report: {report['cases_file']}", "", f"KB `{report['kb']}`, {report['cases']} cases, embedder `{report['embedder']}`, "
             f"answer threshold {report['threshold']}.", "", "## Headline figures", ""]
    lines += ["| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for key in HEADLINE:
        lines.append(f"| {key} | " + " | ".join(_fmt(s["metrics"][key]) for s in systems.values()) + " |")
    if report["baselines"]:
        lines += ["", "Baselines answer with their top chunk when its score reaches the threshold that gives them the most "
                  "resolution at ≤3% wrong answers on these very cases: " + ", ".join(f"{n} {s['threshold']:.2f}" for n, s in report["baselines"].items()) + "."]
    lines += ["", "## Per language", "", "| lang | cases | resolution | wrong | hit@1 | hit@5 | reply language |", "|---|---|---|---|---|---|---|"]
    for lang, m in report["by_language"].items():
        lines.append(f"| {lang} | {m['cases']} | {_fmt(m['resolution_rate'])} | {_fmt(m['wrong_answer_rate'])} | {_fmt(m['hit_at_1'])} | {_fmt(m['hit_at_5'])} | {_fmt(m['reply_language_accuracy'])} |")
    lines += ["", "## Handoff recall per reason", "", "| reason | recall |", "|---|---|"]
    lines += [f"| {r} | {_fmt(v)} |" for r, v in report["handoff_recall_by_reason"].items()]
    lines += ["", "## Threshold sweep", "", "| threshold | resolution | wrong |", "|---|---|---|"]
    lines += [f"| {r['threshold']:.2f} | {r['resolution_rate']:.3f} | {r['wrong_answer_rate']:.3f} |" for r in report["sweep"]]
    lines += ["", f"## Failures ({len(report['failures'])})", ""]
    for f in report["failures"]:
        lines.append(f"- **{f['id']}** ({f['lang']}, {f['reason']}, {f['outcome']}): {f['text']}  ")
        lines.append(f"  reply from {f['reply_sources'] or f['handoff_reasons']}, confidence {f['confidence']}; "
                     f"retrieved {f['retrieved'][:3]}; gold {f['gold'][:4]}")
    return "\n".join(lines) + "\n"


def _languages_chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 5))
    for lang, m in report["by_language"].items():
        x, y = m["wrong_answer_rate"] or 0, m["resolution_rate"] or 0
        ax.scatter(x, y, s=60)
        ax.annotate(lang, (x, y), textcoords="offset points", xytext=(5, 5))
    ax.set_xlabel("wrong-answer rate")
    ax.set_ylabel("resolution rate")
    ax.set_title("Resolution against wrong answers, per language")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _sweep_chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = report["sweep"]
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.plot([r["threshold"] for r in rows], [r["resolution_rate"] for r in rows], marker="o", label="resolution rate")
    ax.plot([r["threshold"] for r in rows], [r["wrong_answer_rate"] for r in rows], marker="s", label="wrong-answer rate")
    ax.axvline(report["threshold"], color="grey", linestyle="--", label=f"current setting ({report['threshold']})")
    ax.axhline(0.03, color="red", alpha=0.3, label="3% wrong")
    ax.set_xlabel("answer threshold (confidence)")
    ax.set_title("Confidence threshold sweep")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
