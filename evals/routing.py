"""The routing suite: our intent router vs a TF-IDF + logistic-regression baseline trained on the
same team-written examples, scored per dataset (accuracy, macro-F1, per-intent P/R/F1, confusions,
per-tag accuracy, latency, a confidence-threshold sweep) plus slot exact match when the planner's
slot extractor exists."""

from __future__ import annotations

import dataclasses
import importlib
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from assistant.intents import Intent
from assistant.planner.router import IntentRouter, normalise
from evals.datasets import RoutingItem
from evals.metrics import percentile

Predict = Callable[[str], tuple[Intent, float]]
SlotExtractor = Callable[[str], Mapping[str, object]]
SLOT_KEYS = ("order_number", "email", "product_sku", "size", "colour", "frequency", "cycles")
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


class TfidfBaseline:
    """Word 1-2-gram TF-IDF (sublinear tf) + multinomial logistic regression (C=10): the usual
    first model for intent detection, trained on exactly the router's examples."""

    name = "tfidf_lr"

    def __init__(self, examples: Mapping[Intent, Sequence[str]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts = [normalise(t) for i in Intent for t in examples.get(i, ())]
        labels = [i.value for i in Intent for _ in examples.get(i, ())]
        self._vectorizer: Any = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self._model: Any = LogisticRegression(C=10.0, max_iter=2000)
        self._model.fit(self._vectorizer.fit_transform(texts), labels)
        self._classes = [Intent(c) for c in self._model.classes_]

    def predict(self, text: str) -> tuple[Intent, float]:
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[tuple[Intent, float]]:
        probs = self._model.predict_proba(self._vectorizer.transform([normalise(t) for t in texts]))
        best = np.argmax(probs, axis=1)
        return [(self._classes[b], float(row[b])) for b, row in zip(best, probs, strict=True)]


def router_predict(router: IntentRouter) -> Predict:
    def predict(text: str) -> tuple[Intent, float]:
        result = router.route(text)
        return result.intent, result.confidence

    return predict


def find_slot_extractor(shop: object | None = None) -> SlotExtractor | None:
    """``assistant.planner.slots.extract_slots`` seen as a dict of the dataset's slot names (in
    the terms of ``shop``, the store's view, when given), or None when the module does not
    exist (yet)."""
    try:
        module = importlib.import_module("assistant.planner.slots")
    except ModuleNotFoundError:
        return None
    extract = getattr(module, "extract_slots", None)
    if not callable(extract):
        return None

    def as_dict(text: str) -> Mapping[str, object]:
        raw = extract(text) if shop is None else extract(text, shop)
        if dataclasses.is_dataclass(raw) and not isinstance(raw, type):
            raw = dataclasses.asdict(raw)
        found = dict(raw) if isinstance(raw, Mapping) else {}
        skus = found.get("skus")
        if "product_sku" not in found and isinstance(skus, list):
            found["product_sku"] = skus[0] if skus else None  # the first product named
        return {k: found[k] for k in SLOT_KEYS if found.get(k) is not None}

    return as_dict


def classification_metrics(expected: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over every label seen (as scikit-learn does), per-label P/R/F1 and the
    confusion counts (expected -> predicted -> n, non-zero cells only)."""
    labels = sorted(set(expected) | set(predicted), key=_intent_order)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for e, p in zip(expected, predicted, strict=True):
        confusion[e][p] += 1
    per_label, f1s = {}, []
    for label in labels:
        tp = confusion[label][label]
        n_pred = sum(row[label] for row in confusion.values())
        support = sum(confusion[label].values())
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    correct = sum(e == p for e, p in zip(expected, predicted, strict=True))
    return {
        "items": len(expected),
        "accuracy": round(correct / len(expected), 4) if expected else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "per_intent": per_label,
        "confusion": {
            e: dict(confusion[e].most_common()) for e in sorted(confusion, key=_intent_order)
        },
    }


def accuracy_by_tag(tags: Sequence[Sequence[str]], correct: Sequence[bool]) -> dict[str, Any]:
    """Accuracy over the items carrying each tag (an item counts for every tag it has)."""
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for item_tags, ok in zip(tags, correct, strict=True):
        for tag in set(item_tags):
            totals[tag] += 1
            hits[tag] += ok
    return {
        t: {"items": totals[t], "accuracy": round(hits[t] / totals[t], 4)} for t in sorted(totals)
    }


def threshold_sweep(confidences: Sequence[float], correct: Sequence[bool]) -> list[dict[str, Any]]:
    """At each threshold: the share of messages routed (confidence >= t) and their accuracy."""
    rows = []
    for t in THRESHOLDS:
        kept = [ok for c, ok in zip(confidences, correct, strict=True) if c >= t]
        rows.append(
            {
                "threshold": t,
                "coverage": round(len(kept) / len(correct), 4) if correct else 0.0,
                "accuracy_routed": round(sum(kept) / len(kept), 4) if kept else None,
                "wrong_routed": len(kept) - sum(kept),
            }
        )
    return rows


def slot_metrics(items: Sequence[RoutingItem], extract: SlotExtractor) -> dict[str, Any]:
    """Exact match of the dataset's slots against the extractor's (on the dataset's slot names):
    over all items, over items with labelled slots, and per slot name where it is labelled."""
    all_ok, labelled_ok, labelled = 0, 0, 0
    per_slot: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        found = extract(item.text)
        ok = {k: str(v) for k, v in found.items()} == {k: str(v) for k, v in item.slots.items()}
        all_ok += ok
        if item.slots:
            labelled += 1
            labelled_ok += ok
        for key, value in item.slots.items():
            per_slot[key].append(str(found.get(key)) == str(value))
    return {
        "exact_match": round(all_ok / len(items), 4),
        "exact_match_labelled": round(labelled_ok / labelled, 4) if labelled else None,
        "per_slot": {
            k: {"items": len(v), "accuracy": round(sum(v) / len(v), 4)}
            for k, v in sorted(per_slot.items())
        },
    }


def score_system(
    items: Sequence[RoutingItem], predict: Predict, dataset: str
) -> list[dict[str, Any]]:
    """One record per item: expected and predicted intent, confidence, latency of the call."""
    predict(items[0].text)  # warm-up, not timed
    records = []
    for item in items:
        started = time.perf_counter()
        intent, confidence = predict(item.text)
        elapsed = (time.perf_counter() - started) * 1000
        records.append(
            {
                "id": item.id,
                "dataset": dataset,
                "expected": item.intent.value,
                "predicted": intent.value,
                "confidence": round(confidence, 4),
                "correct": intent == item.intent,
                "latency_ms": round(elapsed, 3),
            }
        )
    return records


def summarise(
    items: Sequence[RoutingItem],
    records: Sequence[dict[str, Any]],
    slot_extractor: SlotExtractor | None,
) -> dict[str, Any]:
    correct = [bool(r["correct"]) for r in records]
    latencies = [float(r["latency_ms"]) for r in records]
    metrics = classification_metrics(
        [r["expected"] for r in records], [r["predicted"] for r in records]
    )
    metrics["per_tag"] = accuracy_by_tag([i.tags for i in items], correct)
    metrics["latency_ms_p50"] = round(percentile(latencies, 50), 2)
    metrics["latency_ms_p95"] = round(percentile(latencies, 95), 2)
    metrics["threshold_sweep"] = threshold_sweep([r["confidence"] for r in records], correct)
    slots = slot_metrics(items, slot_extractor) if slot_extractor else None
    metrics["slot_exact_match"] = slots["exact_match"] if slots else None
    metrics["slots"] = slots
    return metrics


def run_routing_suite(
    datasets: Mapping[str, Sequence[RoutingItem]],
    systems: Mapping[str, Predict],
    slot_extractor: SlotExtractor | None,
) -> dict[str, Any]:
    """Score every system on every dataset: ``metrics`` over all items, ``by_dataset`` per
    dataset. Slots are our planner's, so slot metrics are under ``ours`` (null elsewhere)."""
    result: dict[str, Any] = {
        "suite": "routing",
        "datasets": list(datasets),
        "slots_note": (
            "assistant.planner.slots.extract_slots, scored on the datasets' slot names"
            if slot_extractor
            else "no slot extractor (assistant/planner/slots.py) yet: slot metrics are null"
        ),
        "systems": {},
    }
    everything = [item for items in datasets.values() for item in items]
    for name, predict in systems.items():
        extract = slot_extractor if name == "ours" else None
        by_dataset, records = {}, []
        for dataset, items in datasets.items():
            rows = score_system(items, predict, dataset)
            by_dataset[dataset] = summarise(items, rows, extract)
            records.extend(rows)
        result["systems"][name] = {
            "metrics": summarise(everything, records, extract),
            "by_dataset": by_dataset,
            "items": records,
        }
    return result


def _intent_order(name: str) -> tuple[int, str]:
    members = list(Intent.__members__.values())
    try:
        return members.index(Intent(name)), name
    except ValueError:
        return len(members), name
