"""The foreign sets in the repository are well formed, and the TV set is optional."""

from __future__ import annotations

import re
from pathlib import Path

from evals.datasets import RetrievalItem, read_jsonl
from evals.extraction import ExtractionItem, contains, extraction_sets
from evals.foreign import FOREIGN, convert_page, foreign_sets


def test_gnome_questions_point_at_files_of_their_corpus() -> None:
    for name in ("gnome-help", "gnome-dev"):
        corpus = FOREIGN / name / "corpus"
        items = read_jsonl(FOREIGN / name / "questions.jsonl", RetrievalItem)
        assert len(items) >= 40
        names = {p.name for p in corpus.glob("*.md")}
        assert all(set(it.relevant_sources) <= names for it in items)


def test_the_dev_set_shares_no_page_with_the_held_out_set() -> None:
    dev = {p.name for p in (FOREIGN / "gnome-dev" / "corpus").glob("*.md")}
    held_out = {p.name for p in (FOREIGN / "gnome-help" / "corpus").glob("*.md")}
    assert dev and held_out and not dev & held_out
    splits = {f.name: f.split for f in foreign_sets()[0]}
    assert splits["gnome-dev"] == "dev" and splits["gnome-help"] == "held-out"


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
    assert [f.name for f in found] == ["gnome-help", "gnome-dev"]
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
    # the chat planner's extractor, scored on the same passages through the adapter
    planner_hits = [r["planner_hit"] for r in tiny["records"]]
    assert tiny["exact_span_hit"]["planner"] == sum(planner_hits) / 2
    assert 0 < tiny["words"]["planner"] < tiny["words"]["passage"]
    assert 0.0 <= tiny["planner_gold_span_hit"] <= 1.0


def test_the_planner_adapter_quotes_what_best_answer_picks(tmp_path: Path) -> None:
    from assistant.agent.tools import PassageOut
    from assistant.planner.answers import best_answer
    from assistant.retrieval.hybrid import HybridRetriever
    from evals.extraction import planner_answer, planner_scorer
    from ingest.embedding import HashingEmbedder
    from ingest.pipeline import Options, run_ingestion

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("power-percentage.md", "printing-select.md"):
        source = FOREIGN / "gnome-help" / "corpus" / name
        (corpus / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    run_ingestion(Options(corpus=corpus, store=tmp_path / "store"), HashingEmbedder)
    retriever = HybridRetriever(tmp_path / "store", HashingEmbedder())
    scorer = planner_scorer(retriever)
    question = "how do I show the battery percentage in the top bar"
    passages = retriever.search(question, k=3)
    quoted = planner_answer(question, passages, scorer)
    found = [
        PassageOut(
            chunk_id=p.chunk_id,
            text=p.text,
            source=p.citation.source,
            title=p.citation.title,
            section=p.citation.section,
            page=p.citation.page,
            doc_type=p.doc_type.value,
            skus=list(p.skus),
            unit_scores=scores,
        )
        for p, scores in zip(
            passages, scorer.scores(question, [p.text for p in passages]), strict=True
        )
    ]
    expected = best_answer(question, found)
    assert expected is not None and quoted == expected.text
    assert "Battery Percentage" in quoted and len(quoted) < len(passages[0].text)
    scorer.close()
    retriever.close()
