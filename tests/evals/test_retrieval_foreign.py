"""The foreign sets in the repository are well formed, and the TV set is optional."""

from __future__ import annotations

import re
from pathlib import Path

from evals.datasets import RetrievalItem, read_jsonl
from evals.extraction import ExtractionItem, contains, extraction_sets
from evals.foreign import FOREIGN, convert_page, foreign_sets


def test_gnome_help_questions_point_at_files_of_the_corpus() -> None:
    corpus = FOREIGN / "gnome-help" / "corpus"
    items = read_jsonl(FOREIGN / "gnome-help" / "questions.jsonl", RetrievalItem)
    assert len(items) >= 40
    names = {p.name for p in corpus.glob("*.md")}
    assert all(set(it.relevant_sources) <= names for it in items)


def test_every_answer_span_is_in_its_source() -> None:
    total = 0
    for eval_set in extraction_sets():
        for item in read_jsonl(eval_set.dataset, ExtractionItem):
            path = eval_set.corpus / item.source
            assert path.is_file(), item.id
            if path.suffix == ".md":
                raw = path.read_text(encoding="utf-8").replace("*", "").replace("`", "")
                text = re.sub(r"\s+", " ", raw)
                assert item.answer_span in text, item.id
            total += 1
    assert total >= 100


def test_span_matching_folds_space_and_case() -> None:
    assert contains("Press the 5 key\nto click ONCE.", "press the 5 key to click once")
    assert not contains("Press the 5 key", "press the 6 key")


def test_the_tv_set_is_skipped_with_a_note_when_absent(tmp_path: Path) -> None:
    found, notes = foreign_sets(tmp_path / "missing")
    assert [f.name for f in found] == ["gnome-help"]
    assert notes and "emanual-tv skipped" in notes[0]


def test_mallard_pages_become_markdown(tmp_path: Path) -> None:
    page = tmp_path / "power-x.page"
    page.write_text(
        '<page xmlns="http://projectmallard.org/1.0/" type="topic" id="power-x">'
        "<info><desc>Save power.</desc></info><title>Battery tips</title>"
        "<p>Dim the <gui>screen</gui>.</p><steps><item><p>Open <app>Settings</app>.</p></item>"
        "<item><p>Press <keyseq><key>Ctrl</key><key>P</key></keyseq>.</p></item></steps>"
        "<section><title>More</title><p>Unplug devices.</p></section></page>",
        encoding="utf-8",
    )
    assert convert_page(page) == (
        "# Battery tips\n\nSave power.\n\nDim the screen.\n\n1. Open Settings.\n"
        "2. Press Ctrl+P.\n\n## More\n\nUnplug devices.\n"
    )


def test_the_extraction_suite_scores_quotes_against_spans(tmp_path: Path) -> None:
    from evals.extraction import ExtractionSet, run_extraction_suite
    from ingest.embedding import HashingEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("power-percentage.md", "printing-select.md", "mouse-lefthanded.md"):
        source = FOREIGN / "gnome-help" / "corpus" / name
        (corpus / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    dataset = tmp_path / "answers.jsonl"
    dataset.write_text(
        '{"id": "a", "question": "how do I show the battery percentage in the top bar", '
        '"source": "power-percentage.md", "answer_span": "set Show Battery Percentage to on"}\n'
        '{"id": "b", "question": "print pages 3 to 5 only, a range of pages", '
        '"source": "printing-select.md", "answer_span": "Use a dash to denote a range of pages"}\n',
        encoding="utf-8",
    )
    result = run_extraction_suite(
        HashingEmbedder(), tmp_path / "scratch", [ExtractionSet("tiny", corpus, dataset)]
    )
    tiny = result["sets"]["tiny"]
    assert tiny["items"] == 2 and tiny["exact_span_hit"]["passage"] == 1.0
    spans = {"a": "set Show Battery Percentage to on", "b": "Use a dash to denote a range of pages"}
    hits = [r["hit"] for r in tiny["records"]]
    assert hits == [contains(r["quoted"], spans[r["id"]]) for r in tiny["records"]]
    assert tiny["exact_span_hit"]["ours"] == sum(hits) / 2
    assert tiny["words"]["ours"] < tiny["words"]["passage"]
