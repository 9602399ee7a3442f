"""Build the HINT3 benchmarks' case files from a git snapshot of hellohaptik/HINT3.

    python evals/benchmarks/tools/build_hint3.py GIT_DIR [--commit SHA]

GIT_DIR is a clone (bare or not) of https://github.com/hellohaptik/HINT3. Every row of
`dataset/v2/test/<bot>_test.csv` (real messages sent to the bot of a live store) becomes one case of
evals/benchmarks/hint3-<bot>/{dev,test}.jsonl. What a case expects comes from its HINT3 intent label
alone, through BEHAVIOUR below, which was decided from the intent names and the training utterances
(dataset/v2/train/) before the test messages were read; the KBs (hint3-<bot>/kb/) were written the
same way. The messages are kept verbatim (only surrounding whitespace is stripped).

Split: rows with the same text (case and whitespace ignored) form one group, so a repeated message
never lands in both splits. Label after label, in sorted order, the label's groups (in order of
first appearance) are shuffled by one random.Random(SEED) and each is dealt to the split that has
fewer rows of that label so far (on a tie, fewer rows in all; then dev): each label is halved, and
so is the whole. test.jsonl is frozen: do not regenerate it once in use.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import subprocess
from pathlib import Path

REPO_URL = "https://github.com/hellohaptik/HINT3"
COMMIT = "99965c892ea9a6801a87083d3861b0b04c91a4e7"
SEED = 2020
HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent

ANSWER, HANDOFF = "answer", "handoff"
NOT_IN_KB = ("handoff", "low_confidence", [])  # HINT3's NO_NODES_DETECTED: no intent of the bot fits
# label -> (expect, reason, gold_sources). Decided from the label and its training utterances only.
BEHAVIOUR: dict[str, dict[str, tuple[str, str, list[str]]]] = {
    "sofmattress": {
        "100_NIGHT_TRIAL_OFFER": (ANSWER, "kb", ["100-night-trial.md", "returns-exchange.md"]),
        "ABOUT_SOF_MATTRESS": (ANSWER, "kb", ["about-sof.md"]),
        "CANCEL_ORDER": (ANSWER, "kb", ["cancel-order.md"]),
        "CHECK_PINCODE": (ANSWER, "kb", ["delivery.md"]),
        "COD": (ANSWER, "kb", ["cod.md"]),
        "COMPARISON": (ANSWER, "kb", ["ergo-vs-ortho.md"]),
        "DELAY_IN_DELIVERY": (HANDOFF, "complaint", []),
        "DISTRIBUTORS": (ANSWER, "kb", ["stores.md"]),
        "EMI": (ANSWER, "kb", ["emi.md"]),
        "ERGO_FEATURES": (ANSWER, "kb", ["sof-ergo.md"]),
        "LEAD_GEN": (HANDOFF, "human_request", []),
        "MATTRESS_COST": (ANSWER, "kb", ["prices.md"]),
        "OFFERS": (ANSWER, "kb", ["offers.md"]),
        "ORDER_STATUS": (ANSWER, "kb", ["track-order.md"]),
        "ORTHO_FEATURES": (ANSWER, "kb", ["sof-ortho.md"]),
        "PILLOWS": (ANSWER, "kb", ["pillows.md"]),
        "PRODUCT_VARIANTS": (ANSWER, "kb", ["products.md"]),
        "RETURN_EXCHANGE": (ANSWER, "kb", ["returns-exchange.md", "100-night-trial.md"]),
        "SIZE_CUSTOMIZATION": (ANSWER, "kb", ["custom-size.md"]),
        "WARRANTY": (ANSWER, "kb", ["warranty.md"]),
        "WHAT_SIZE_TO_ORDER": (ANSWER, "kb", ["sizes.md"]),
        "NO_NODES_DETECTED": NOT_IN_KB,
    },
    "curekart": {
        "CALL_CENTER": (ANSWER, "kb", ["contact.md"]),
        "CANCEL_ORDER": (ANSWER, "kb", ["cancel-order.md"]),
        "CHAT_WITH_AGENT": (HANDOFF, "human_request", []),
        "CHECK_PINCODE": (ANSWER, "kb", ["delivery.md"]),
        "CONSULT_START": (ANSWER, "kb", ["diet-consultation.md"]),
        "DELAY_IN_PARCEL": (HANDOFF, "complaint", []),
        "EXPIRY_DATE": (ANSWER, "kb", ["expiry-date.md"]),
        "FRANCHISE": (ANSWER, "kb", ["sell-on-curekart.md"]),
        "IMMUNITY": (ANSWER, "kb", ["shop-by-goal.md"]),
        "INTERNATIONAL_SHIPPING": (ANSWER, "kb", ["delivery.md"]),
        "MODES_OF_PAYMENTS": (ANSWER, "kb", ["payment-methods.md"]),
        "MODIFY_ADDRESS": (ANSWER, "kb", ["change-address.md"]),
        "ORDER_QUERY": (HANDOFF, "low_confidence", []),
        "ORDER_STATUS": (ANSWER, "kb", ["track-order.md"]),
        "ORDER_TAKING": (ANSWER, "kb", ["ordering.md", "payment-methods.md"]),
        "ORIGINAL_PRODUCT": (ANSWER, "kb", ["authenticity.md"]),
        "PAYMENT_AND_BILL": (ANSWER, "kb", ["payments-and-invoices.md"]),
        "PORTAL_ISSUE": (ANSWER, "kb", ["website-app-problems.md"]),
        "RECOMMEND_PRODUCT": (ANSWER, "kb", ["shop-by-goal.md"]),
        "REFER_EARN": (ANSWER, "kb", ["refer-and-earn.md"]),
        "REFUNDS_RETURNS_REPLACEMENTS": (ANSWER, "kb", ["returns-refunds.md"]),
        "RESUME_DELIVERY": (ANSWER, "kb", ["delivery.md"]),
        "SIDE_EFFECT": (ANSWER, "kb", ["side-effects.md"]),
        "SIGN_UP": (ANSWER, "kb", ["sign-up.md"]),
        "START_OVER": (HANDOFF, "low_confidence", []),
        "STORE_INFORMATION": (ANSWER, "kb", ["stores.md"]),
        "USER_GOAL_FORM": (ANSWER, "kb", ["diet-consultation.md"]),
        "WORK_FROM_HOME": (ANSWER, "kb", ["contact.md"]),
        "NO_NODES_DETECTED": NOT_IN_KB,
    },
}
# Labels about the customer's own order, tagged so evals/bench/intents.py expects order_status.
ORDER_STATUS_LABELS = {"ORDER_STATUS"}


def show(git_dir: str, commit: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True).stdout


def key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def cases(bot: str, raw: str, commit: str) -> list[dict]:
    behaviour = BEHAVIOUR[bot]
    kb = BENCHMARKS / f"hint3-{bot}" / "kb"
    path = f"dataset/v2/test/{bot}_test.csv"
    reader = csv.DictReader(io.StringIO(raw))
    out, start = [], 2  # the line a row starts on (a message may span lines)
    for n, row in enumerate(reader, start=1):
        label, text = row["label"].strip(), row["sentence"].strip()
        if label not in behaviour:
            raise SystemExit(f"{bot}: label {label!r} has no behaviour in BEHAVIOUR")
        expect, reason, gold = behaviour[label]
        for g in gold:
            if not (kb / g).is_file():
                raise SystemExit(f"{bot}: gold source {g} of {label} is not in {kb}")
        tags = ["real", "hint3", f"label:{label}"] + (["intent:order_status"] if label in ORDER_STATUS_LABELS else [])
        out.append({
            "id": f"hint3-{bot}-{n:04d}", "text": text, "lang": "en", "expect": expect, "reason": reason,
            "gold_sources": list(gold), "order_value": None, "tags": tags,
            "source": f"{REPO_URL}/blob/{commit}/{path}#L{start}",
        })  # fmt: skip
        start = reader.line_num + 1
    return out


def label_of(case: dict) -> str:
    return next(t for t in case["tags"] if t.startswith("label:")).removeprefix("label:")


def split(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for case in rows:
        groups.setdefault(key(case["text"]), []).append(case)
    by_label: dict[str, list[list[dict]]] = {}
    for group in groups.values():
        by_label.setdefault(label_of(group[0]), []).append(group)
    rng = random.Random(SEED)
    chosen: dict[str, str] = {}
    total = {"dev": 0, "test": 0}
    for label in sorted(by_label):
        shuffled = list(by_label[label])
        rng.shuffle(shuffled)
        size = {"dev": 0, "test": 0}
        for group in shuffled:
            name = min(("dev", "test"), key=lambda n: (size[n], total[n]))
            size[name] += len(group)
            total[name] += len(group)
            chosen.update((case["id"], name) for case in group)
    return {name: [c for c in rows if chosen[c["id"]] == name] for name in ("dev", "test")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a clone of hellohaptik/HINT3 (bare or not)")
    parser.add_argument("--commit", default=COMMIT, help="the commit to read (default: the one the benchmarks were built from)")
    args = parser.parse_args()
    for bot in BEHAVIOUR:
        rows = cases(bot, show(args.git_dir, args.commit, f"dataset/v2/test/{bot}_test.csv"), args.commit)
        for name, chosen in split(rows).items():
            path = BENCHMARKS / f"hint3-{bot}" / f"{name}.jsonl"
            path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in chosen), encoding="utf-8")
            print(f"hint3-{bot} {name}: {len(chosen)} cases")


if __name__ == "__main__":
    main()
