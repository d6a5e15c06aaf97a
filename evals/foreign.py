"""Foreign retrieval sets: documents nobody on this project wrote, used to *measure* retrieval.

Three sets are known:

- ``gnome-help``: the hardware topics (power and battery, printing, Bluetooth, sound, mouse and
  touchpad, keyboard, disks, displays, Wi-Fi, tablets) of the GNOME desktop help, converted from
  Debian's ``gnome-user-docs`` (CC-BY-SA 3.0) to one Markdown file per topic; stored in the
  repository under ``evals/datasets/foreign/gnome-help/`` with questions written here the way
  owners ask. :func:`convert_gnome_help` rebuilds the corpus from an installed copy.
- ``gnome-dev``: the *other* topics of the same GNOME help (accounts, files, networking, the
  shell, users...) with their own questions: the **dev split**, the only foreign set that
  retrieval constants may be tuned on (``split="dev"``); the other two are held out.
- ``emanual-tv``: a Samsung TV manual with real owners' questions, kept *outside* the repository
  (``../shared/data/emanual-tv``); skipped with a note when it is not there.

:func:`foreign_suite` scores ours and the baselines on each available set (a suite of
``evals run``, so ``make eval`` includes it; results per set under ``by_split``, one "split" per
set). ``python -m evals.foreign convert-gnome-help SRC DST`` runs the converter.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.datasets import DATASETS, RetrievalItem, read_jsonl
from ingest.embedding import Embedder

ROOT = Path(__file__).resolve().parents[1]
FOREIGN = DATASETS / "foreign"
TV_DIR = ROOT.parent / "shared" / "data" / "emanual-tv"
GNOME_HELP_TOPICS = re.compile(
    r"^(power|printing|bluetooth|sound|mouse|keyboard|disk|display|hardware|wacom|"
    r"touchscreen|net-wireless)-"
)


@dataclass(frozen=True, slots=True)
class ForeignSet:
    name: str
    corpus: Path
    dataset: Path
    note: str = ""
    split: str = "held-out"  # "dev": may be tuned on; "held-out": only reported


def foreign_sets(tv_dir: Path = TV_DIR) -> tuple[list[ForeignSet], list[str]]:
    """The foreign sets available here, and a note for each one that is skipped."""
    found: list[ForeignSet] = []
    notes: list[str] = []
    gnome = FOREIGN / "gnome-help"
    found.append(ForeignSet("gnome-help", gnome / "corpus", gnome / "questions.jsonl"))
    dev = FOREIGN / "gnome-dev"
    found.append(ForeignSet("gnome-dev", dev / "corpus", dev / "questions.jsonl", split="dev"))
    if (tv_dir / "corpus").is_dir() and (tv_dir / "dev.jsonl").is_file():
        found.append(ForeignSet("emanual-tv", tv_dir / "corpus", tv_dir / "dev.jsonl"))
    else:
        notes.append(f"emanual-tv skipped: {tv_dir} not present (it stays outside the repo)")
    return found, notes


def foreign_suite(embedder: Embedder, scratch: Path, fast: bool = False) -> dict[str, Any]:
    """Each foreign set scored like ``evals retrieval``; ``systems.<name>.by_split.<set>``."""
    from evals.retrieval import run_retrieval_suite

    systems = ("ours", "bm25") if fast else ("ours", "bm25", "llamaindex")
    found, notes = foreign_sets()
    result: dict[str, Any] = {"suite": "foreign", "notes": notes, "sets": {}, "systems": {}}
    for fset in found:
        items = read_jsonl(fset.dataset, RetrievalItem)
        part = run_retrieval_suite(fset.corpus, items, embedder, scratch, systems)
        result["sets"][fset.name] = {"corpus": str(fset.corpus), "chunks": part["chunks"]}
        for name, system in part["systems"].items():
            block = result["systems"].setdefault(name, {"metrics": {}, "by_split": {}})
            block["by_split"][fset.name] = system["metrics"]
    return result


def format_foreign(result: dict[str, Any]) -> str:
    keys = ("recall@5", "ndcg@10", "mrr@10", "latency_ms_p50")
    lines = [f"note: {n}" for n in result.get("notes", [])]
    lines.append(f"{'set':<12}{'system':<12}" + "".join(f"{k:>16}" for k in keys))
    for fset in result["sets"]:
        for name, block in result["systems"].items():
            m = block["by_split"].get(fset, {})
            lines.append(f"{fset:<12}{name:<12}" + "".join(f"{m.get(k, '-'):>16}" for k in keys))
    return "\n".join(lines)


# --- converting Mallard help pages to Markdown -------------------------------------------------

_NS = "{http://projectmallard.org/1.0/}"


def _inline(elem: ET.Element) -> str:
    """The visible text of an inline run; key sequences read "Ctrl+Alt+T"."""
    tag = elem.tag.removeprefix(_NS)
    if tag == "keyseq":
        return "+".join(_inline(k) for k in elem)
    if tag in ("media", "comment", "info"):
        return elem.tail or ""
    parts = [elem.text or ""]
    for child in elem:
        parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _blocks(elem: ET.Element, depth: int, out: list[str]) -> None:
    for child in elem:
        tag = child.tag.removeprefix(_NS)
        if tag in ("info", "media", "comment", "links"):
            continue
        if tag == "title":
            out.append("#" * depth + " " + _clean(_inline(child)))
        elif tag == "desc":
            out.append(_clean(_inline(child)))
        elif tag == "p":
            text = _clean(_inline(child))
            if text:
                out.append(text)
        elif tag == "section":
            _blocks(child, depth + 1, out)
        elif tag in ("steps", "list", "terms"):
            lines = []
            for number, item in enumerate(child.iter(f"{_NS}item"), start=1):
                if item is child:
                    continue
                text = _clean(" ".join(_inline(p) for p in item if p.tag != f"{_NS}item"))
                lines.append(f"{number}. {text}" if tag == "steps" else f"- {text}")
            out.append("\n".join(lines))
        elif tag == "table":
            for row in child.iter(f"{_NS}tr"):
                out.append(" | ".join(_clean(_inline(c)) for c in row))
        else:  # note, if:choose, div and other containers: their paragraphs
            _blocks(child, depth, out)


def convert_page(path: Path) -> str | None:
    """One Mallard topic page as Markdown; None for a guide page (only links)."""
    root = ET.parse(path).getroot()
    if root.get("type") == "guide":
        return None
    out: list[str] = []
    info = root.find(f"{_NS}info")
    desc = info.find(f"{_NS}desc") if info is not None else None
    _blocks(root, 1, out)
    if desc is not None and _clean(_inline(desc)):
        out.insert(1, _clean(_inline(desc)))
    return "\n\n".join(b for b in out if b.strip()) + "\n"


def convert_gnome_help(src: Path, dst: Path) -> int:
    dst.mkdir(parents=True, exist_ok=True)
    written = 0
    for page in sorted(src.glob("*.page")):
        if not GNOME_HELP_TOPICS.match(page.name):
            continue
        text = convert_page(page)
        if text:
            (dst / f"{page.stem}.md").write_text(text, encoding="utf-8")
            written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "convert-gnome-help":
        print(convert_gnome_help(Path(sys.argv[2]), Path(sys.argv[3])), "pages")
    else:
        print(__doc__)
