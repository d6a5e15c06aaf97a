"""The routing suite: its metrics on hand-made predictions, the slot adapter, and `evals routing`
end to end with the real model."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from assistant.intents import Intent
from evals.datasets import DATASETS, DatasetError, RoutingItem, read_jsonl
from evals.routing import (
    classification_metrics,
    find_slot_extractor,
    run_routing_suite,
    slot_metrics,
    threshold_sweep,
)

ITEMS = [
    RoutingItem(id="a", text="where is my parcel", intent=Intent.TRACKING, tags=["terse"]),
    RoutingItem(id="b", text="cancel order 12345", intent=Intent.ORDER_CANCEL, tags=["terse"]),
    RoutingItem(
        id="c",
        text="the kettle is broken, I want a new one under warranty",
        intent=Intent.WARRANTY_CLAIM,
        slots={"product_sku": "CUI-KTL-17"},
        tags=["long", "typo"],
    ),
    RoutingItem(id="d", text="hi", intent=Intent.GREETING),
]
ANSWERS = {
    "where is my parcel": (Intent.TRACKING, 0.9),
    "cancel order 12345": (Intent.ORDER_CANCEL, 0.4),
    "the kettle is broken, I want a new one under warranty": (Intent.TROUBLESHOOTING, 0.5),
    "hi": (Intent.GREETING, 0.99),
}


def scripted(text: str) -> tuple[Intent, float]:
    return ANSWERS[text]


def test_suite_shape_and_figures_without_a_slot_extractor() -> None:
    result = run_routing_suite({"tiny": ITEMS}, {"ours": scripted, "tfidf_lr": scripted}, None)
    assert result["suite"] == "routing"
    assert set(result["systems"]) == {"ours", "tfidf_lr"}
    ours = result["systems"]["ours"]
    m = ours["metrics"]
    assert m["items"] == 4 and m["accuracy"] == 0.75
    assert m["per_tag"]["terse"] == {"items": 2, "accuracy": 1.0}
    assert m["per_tag"]["typo"] == {"items": 1, "accuracy": 0.0}
    assert m["confusion"]["warranty_claim"] == {"troubleshooting": 1}
    assert m["slot_exact_match"] is None and m["slots"] is None
    assert "null" in result["slots_note"]
    assert ours["by_dataset"]["tiny"]["accuracy"] == m["accuracy"]
    item = ours["items"][2]
    assert {k: item[k] for k in ("id", "expected", "predicted", "confidence")} == {
        "id": "c",
        "expected": "warranty_claim",
        "predicted": "troubleshooting",
        "confidence": 0.5,
    }
    json.dumps(result)  # serialisable as is


def test_macro_f1_matches_scikit_learn() -> None:
    from sklearn.metrics import f1_score

    expected = ["a", "a", "b", "b", "c", "c", "c", "d"]
    predicted = ["a", "b", "b", "b", "c", "a", "e", "d"]
    m = classification_metrics(expected, predicted)
    assert m["macro_f1"] == pytest.approx(f1_score(expected, predicted, average="macro"), abs=1e-4)
    assert m["per_intent"]["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert m["accuracy"] == 0.625


def test_threshold_sweep_counts_routed_and_wrong() -> None:
    rows = {
        r["threshold"]: r for r in threshold_sweep([0.9, 0.5, 0.4, 0.2], [True, False, True, True])
    }
    assert rows[0.45] == {
        "threshold": 0.45,
        "coverage": 0.5,
        "accuracy_routed": 0.5,
        "wrong_routed": 1,
    }
    assert rows[0.7]["accuracy_routed"] == 1.0


def test_slot_metrics_exact_match() -> None:
    def extract(text: str) -> dict[str, object]:
        return {"order_number": "12345"} if "12345" in text else {}

    m = slot_metrics(ITEMS, extract)
    assert m["exact_match"] == 0.5  # b: extra slot, c: missing sku; a, d: nothing expected
    assert m["exact_match_labelled"] == 0.0
    assert m["per_slot"] == {"product_sku": {"items": 1, "accuracy": 0.0}}


@dataclass
class FakeSlots:
    order_number: str | None = None
    skus: list[str] = field(default_factory=list)
    csat: int | None = None


def test_slot_extractor_adapter_reads_a_dataclass(monkeypatch: pytest.MonkeyPatch) -> None:
    module = ModuleType("assistant.planner.slots")
    module.extract_slots = lambda text: FakeSlots("55555", ["CUI-KTL-17", "CUI-GRD-40"], 5)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.planner.slots", module)
    extract = find_slot_extractor()
    assert extract is not None
    assert extract("x") == {"order_number": "55555", "product_sku": "CUI-KTL-17"}


def test_no_slot_module_means_no_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> ModuleType:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr("evals.routing.importlib.import_module", missing)
    assert find_slot_extractor() is None


def test_routing_items_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "hello", "intent": "not_an_intent"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.jsonl:1"):
        read_jsonl(path, RoutingItem)
    assert len(read_jsonl(DATASETS / "routing_test.jsonl", RoutingItem)) == 246


@pytest.mark.integration
def test_evals_routing_end_to_end(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    minilm: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from evals import cli, cli_routing

    # the session's model, loaded once
    monkeypatch.setattr(cli_routing, "settings_embedder", lambda: minilm)
    out = tmp_path / "routing.json"
    code = cli.main(
        [
            "routing",
            "--dataset",
            str(DATASETS / "routing_dev.jsonl"),
            "--json",
            str(out),
            "--router-cache",
            str(tmp_path_factory.getbasetemp() / "intent-router"),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "routing_dev" in printed and "accuracy per tag" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["suite"] == "routing" and result["datasets"] == ["routing_dev"]
    ours, base = result["systems"]["ours"], result["systems"]["tfidf_lr"]
    assert len(ours["items"]) == 246 and set(ours["items"][0]) >= {
        "id",
        "expected",
        "predicted",
        "confidence",
    }
    assert ours["metrics"]["accuracy"] >= 0.91
    assert ours["metrics"]["accuracy"] > base["metrics"]["accuracy"]
    assert {"typo", "colloquial", "offensive"} <= set(ours["metrics"]["per_tag"])
    assert len(ours["metrics"]["per_intent"]) == len(Intent)
