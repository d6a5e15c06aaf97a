"""The Bitext suite: the intent mapping, scoring on a made-up CSV in the same format, and
`evals bitext` end to end on the real validation split (skipped when it is not there)."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.intents import Intent
from evals.bitext import DEFAULT_CSV, MAPPING, read_bitext, run_bitext_suite
from evals.datasets import DatasetError

# Invented rows in Bitext's column layout (no Bitext text is copied here).
ROWS = [
    ("i want to stop order 123", "cancel_order", "BQ"),
    ("status of my order 456", "track_order", "BZ"),
    ("buy me a new lamp", "place_order", "BK"),
    ("where is my money back", "track_refund", "BQW"),
]


def write_csv(path: Path, rows: Sequence[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["utterance", "intent", "tags"])
        writer.writerows(rows)
    return path


def fake_router(texts: Sequence[str]) -> list[tuple[Intent, float]]:
    answers = {
        "i want to stop order 123": Intent.ORDER_CANCEL,
        "status of my order 456": Intent.ORDER_STATUS,  # accepted for track_order
        "buy me a new lamp": Intent.GREETING,
        "where is my money back": Intent.RETURNS_REFUNDS,
    }
    return [(answers[t], 0.8) for t in texts]


def test_mapping_targets_are_ours_and_cover_bitexts_27_intents() -> None:
    assert len(MAPPING) == 27
    for name, mapped in MAPPING.items():
        assert isinstance(mapped.intent, Intent) and mapped.why, name
        assert mapped.intent in mapped.accepted
    assert MAPPING["track_order"].accepted == {Intent.TRACKING, Intent.ORDER_STATUS}
    assert MAPPING["delivery_period"].accepted == {Intent.TRACKING}


def test_scores_per_mapped_intent_and_per_tag(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mini.csv", ROWS)
    result = run_bitext_suite(path, {"ours": fake_router})
    m = result["systems"]["ours"]["metrics"]
    assert m["items"] == 4 and m["accuracy"] == 0.75
    assert m["accuracy_out_of_scope"] == 0.0 and m["accuracy_in_scope"] == 1.0
    assert m["per_tag"]["Q"] == {"items": 2, "accuracy": 1.0, "top_predicted": "order_cancel"}
    assert m["per_tag"]["K"]["accuracy"] == 0.0
    assert m["per_mapped_intent"]["tracking"]["accuracy"] == 1.0
    assert m["per_bitext_intent"]["place_order"]["top_predicted"] == "greeting"
    item = result["systems"]["ours"]["items"][1]
    assert item["row"] == 2 and "utterance" not in item  # rows are named by number only
    json.dumps(result)


def test_unmapped_intent_or_missing_columns_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no mapping"):
        read_bitext(write_csv(tmp_path / "new.csv", [("hi", "brand_new_intent", "B")]))
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhello,greeting\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="missing columns"):
        read_bitext(bad)
    short = tmp_path / "short.csv"
    short.write_text("utterance,intent,tags\nhello,review\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="too few columns"):
        read_bitext(short)
    with pytest.raises(DatasetError, match="no such file"):
        read_bitext(tmp_path / "absent.csv")


@pytest.mark.integration
@pytest.mark.skipif(not DEFAULT_CSV.is_file(), reason="Bitext validation CSV not present")
def test_evals_bitext_end_to_end(
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    minilm: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from evals import cli, cli_routing

    monkeypatch.setattr(cli_routing, "settings_embedder", lambda: minilm)
    out = tmp_path / "bitext.json"
    cache = tmp_path_factory.getbasetemp() / "intent-router"
    assert cli.main(["bitext", "--json", str(out), "--router-cache", str(cache)]) == 0
    assert "per tag" in capsys.readouterr().out
    result = json.loads(out.read_text(encoding="utf-8"))
    ours, base = result["systems"]["ours"]["metrics"], result["systems"]["tfidf_lr"]["metrics"]
    assert result["rows"] == ours["items"] == 810
    assert {"Z", "Q", "W"} <= set(ours["per_tag"])
    assert ours["accuracy"] > base["accuracy"]
