"""Bitext's customer-service validation split, scored against our intent router (measure only).

The CSV is third-party data (CDLA-Sharing-1.0, /work/shared/data/bitext/README.md): it is read
where it lies, never trained or tuned on, and never copied into the repository; per-row output
names rows by number only. Bitext's 27 intents are mapped onto ours by :data:`MAPPING`; a row is
right when the router's top intent is one the mapping accepts for its Bitext intent.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.intents import Intent
from evals.datasets import DatasetError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = (
    ROOT.parent
    / "shared"
    / "data"
    / "bitext"
    / "Bitext_Sample_Customer_Service_Validation_Dataset.csv"
)
PredictMany = Callable[[Sequence[str]], list[tuple[Intent, float]]]
I = Intent  # noqa: E741 - keeps the table below readable


@dataclass(frozen=True, slots=True)
class Mapped:
    intent: Intent  # ours; rows are grouped by it
    why: str
    also: frozenset[Intent] = frozenset()  # also right: Bitext's intent spans two of ours

    @property
    def accepted(self) -> frozenset[Intent]:
        return self.also | {self.intent}


OOS = "not a post-purchase matter of this store (buying something new)"
MAPPING: dict[str, Mapped] = {
    "cancel_order": Mapped(I.ORDER_CANCEL, "cancel a one-off order"),
    "change_order": Mapped(I.ORDER_CHANGE, "add, swap or change items of a placed order"),
    "change_shipping_address": Mapped(I.ORDER_CHANGE, "ours covers changing the delivery address"),
    "set_up_shipping_address": Mapped(
        I.ORDER_CHANGE,
        "entering a (new) delivery address: after a purchase that means the order's address",
    ),
    "track_order": Mapped(
        I.TRACKING,
        "Bitext merges 'status of order N' (our order_status) and 'track / ETA' (our tracking)",
        also=frozenset({I.ORDER_STATUS}),
    ),
    "delivery_period": Mapped(
        I.TRACKING,
        "'when will my order arrive / how soon can I expect it' is arrival time, which ours files "
        "under tracking; order_status is whether and when it ships",
    ),
    "delivery_options": Mapped(I.SHIPPING_INFO, "shipping methods, costs and destinations"),
    "place_order": Mapped(I.OUT_OF_SCOPE, "buying something: pre-purchase shopping"),
    "get_invoice": Mapped(I.RECEIPT, "send / download the invoice"),
    "check_invoice": Mapped(I.RECEIPT, "find / see an invoice"),
    "get_refund": Mapped(I.RETURNS_REFUNDS, "get money back"),
    "track_refund": Mapped(I.RETURNS_REFUNDS, "where is my refund"),
    "check_refund_policy": Mapped(I.RETURNS_REFUNDS, "when and how refunds are given"),
    "check_cancellation_fee": Mapped(
        I.SUBSCRIPTION_CANCEL,
        "early-termination / withdrawal fees: the only cancellable plan here is the Coffee Club "
        "(whose policy answers it); a fee for cancelling an order is also fair",
        also=frozenset({I.ORDER_CANCEL}),
    ),
    "payment_issue": Mapped(I.BILLING_DISPUTE, "a problem with a payment or charge"),
    "check_payment_methods": Mapped(I.PAYMENT_METHODS, "which payment methods are accepted"),
    "complaint": Mapped(I.COMPLAINT, "file a complaint"),
    "review": Mapped(I.FEEDBACK, "leave a review or opinion"),
    "contact_human_agent": Mapped(I.HUMAN_AGENT, "talk to a person"),
    "contact_customer_service": Mapped(
        I.HUMAN_AGENT, "reach customer service (hours, how to call): wants a person"
    ),
    "create_account": Mapped(I.ACCOUNT_HELP, "create an account"),
    "delete_account": Mapped(
        I.PRIVACY_REQUEST,
        "delete the account (and its data): a privacy request",
        also=frozenset({I.ACCOUNT_HELP}),
    ),
    "edit_account": Mapped(I.ACCOUNT_HELP, "change account details"),
    "switch_account": Mapped(I.ACCOUNT_HELP, "switch or merge accounts"),
    "recover_password": Mapped(I.ACCOUNT_HELP, "sign-in and password"),
    "registration_problems": Mapped(I.ACCOUNT_HELP, "problems creating an account"),
    "newsletter_subscription": Mapped(
        I.NEWSLETTER, "marketing emails; not a Coffee Club subscription"
    ),
}

# TAGS.md beside the CSV; a row carries several. "N" appears in the data but not in TAGS.md.
TAG_NAMES = {
    "B": "basic syntax",
    "C": "coordinated",
    "D": "indirect speech",
    "E": "abbreviations",
    "G": "regional",
    "I": "interrogative",
    "K": "keyword mode",
    "L": "lexical (synonyms)",
    "M": "morphological",
    "N": "(undocumented)",
    "P": "politeness",
    "Q": "colloquial",
    "R": "respect",
    "W": "offensive",
    "Y": "code switching",
    "Z": "typos/noise",
}


@dataclass(frozen=True, slots=True)
class BitextRow:
    number: int  # 1-based data row of the CSV
    utterance: str
    intent: str
    tags: str


def read_bitext(path: Path) -> list[BitextRow]:
    if not path.is_file():
        raise DatasetError(f"{path}: no such file")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"utterance", "intent", "tags"} - set(reader.fieldnames or ())
        if missing:
            raise DatasetError(f"{path}: missing columns {sorted(missing)}")
        rows = []
        for n, r in enumerate(reader, start=1):
            utterance, intent, tags = r["utterance"], r["intent"], r["tags"]
            if utterance is None or intent is None or tags is None:
                raise DatasetError(f"{path}: data row {n} has too few columns")
            rows.append(BitextRow(n, utterance, intent.strip(), tags.strip()))
    unknown = sorted({r.intent for r in rows} - set(MAPPING))
    if unknown:
        raise DatasetError(f"{path}: intents with no mapping in evals/bitext.py: {unknown}")
    if not rows:
        raise DatasetError(f"{path}: no rows")
    return rows


def score(rows: Sequence[BitextRow], predict_many: PredictMany) -> dict[str, Any]:
    predictions = predict_many([r.utterance for r in rows])
    records = []
    for row, (intent, confidence) in zip(rows, predictions, strict=True):
        mapped = MAPPING[row.intent]
        records.append(
            {
                "row": row.number,
                "bitext_intent": row.intent,
                "tags": row.tags,
                "expected": sorted(i.value for i in mapped.accepted),
                "predicted": intent.value,
                "confidence": round(confidence, 4),
                "correct": intent in mapped.accepted,
            }
        )
    return {"metrics": _metrics(records), "items": records}


def _metrics(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def groups(key: Callable[[dict[str, Any]], Sequence[str]]) -> dict[str, Any]:
        hits: dict[str, list[bool]] = defaultdict(list)
        predicted: dict[str, Counter[str]] = defaultdict(Counter)
        for r in records:
            for name in key(r):
                hits[name].append(bool(r["correct"]))
                predicted[name][r["predicted"]] += 1
        return {
            name: {
                "items": len(ok),
                "accuracy": round(sum(ok) / len(ok), 4),
                "top_predicted": predicted[name].most_common(1)[0][0],
            }
            for name, ok in sorted(hits.items())
        }

    oos = ["out_of_scope"]
    return {
        "items": len(records),
        "accuracy": _ratio([bool(r["correct"]) for r in records]),
        "accuracy_in_scope": _ratio([bool(r["correct"]) for r in records if r["expected"] != oos]),
        "accuracy_out_of_scope": _ratio(
            [bool(r["correct"]) for r in records if r["expected"] == oos]
        ),
        "per_mapped_intent": groups(lambda r: [MAPPING[r["bitext_intent"]].intent.value]),
        "per_bitext_intent": groups(lambda r: [r["bitext_intent"]]),
        "per_tag": groups(lambda r: sorted(set(r["tags"]))),
    }


def _ratio(flags: Sequence[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def run_bitext_suite(path: Path, systems: dict[str, PredictMany]) -> dict[str, Any]:
    rows = read_bitext(path)
    return {
        "suite": "bitext",
        "csv": str(path),
        "rows": len(rows),
        "mapping": {
            k: {"expected": m.intent.value, "also": sorted(i.value for i in m.also), "why": m.why}
            for k, m in MAPPING.items()
        },
        "tag_names": TAG_NAMES,
        "systems": {name: score(rows, predict) for name, predict in systems.items()},
    }
