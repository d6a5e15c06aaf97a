"""``assistant``: the assistant's command line.

assistant search "how do I pair my headphones" [--sku SKU] [--type manual] [-k 5]
assistant demo          a few customer questions against the live index, with citations
assistant serve         the HTTP API, the chat widget and the demo storefront (uvicorn)
assistant store import DIR   load a store's Shopify/Recharge exports and store.yaml
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from ingest.models import DocType


def _build_retriever() -> object:
    from assistant.retrieval.hybrid import HybridRetriever
    from assistant.settings import get_settings
    from ingest.embedding import HashingEmbedder, MiniLMEmbedder

    settings = get_settings()
    embedder = HashingEmbedder() if settings.embedder == "hashing" else MiniLMEmbedder()
    return HybridRetriever(settings.index_dir, embedder, chroma_url=settings.chroma_url)


def _print_passages(
    question: str,
    skus: Sequence[str],
    doc_types: Sequence[str],
    k: int,
    as_json: bool,
    retriever: object,
) -> None:
    from assistant.retrieval.hybrid import HybridRetriever
    from assistant.retrieval.types import SearchFilters

    assert isinstance(retriever, HybridRetriever)
    filters = SearchFilters(skus=tuple(skus), doc_types=tuple(DocType(t) for t in doc_types))
    passages = retriever.search(question, filters=filters, k=k)
    if as_json:
        print(
            json.dumps(
                {
                    "question": question,
                    "passages": [
                        {
                            "text": p.text,
                            "score": round(p.score, 5),
                            "source": p.citation.source,
                            "title": p.citation.title,
                            "section": p.citation.section,
                            "page": p.citation.page,
                        }
                        for p in passages
                    ],
                }
            )
        )
        return
    print(f"\nQ: {question}" + (f"  [products: {', '.join(skus)}]" if skus else ""))
    for rank, p in enumerate(passages, start=1):
        snippet = " ".join(p.text.split())
        snippet = snippet[:220] + ("…" if len(snippet) > 220 else "")
        print(f"  {rank}. {snippet}\n     — {p.citation.label()} ({p.citation.source})")


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    search = sub.add_parser("search", help="search the product documents")
    search.add_argument("question")
    search.add_argument(
        "--sku", action="append", default=[], help="only passages about this product (repeatable)"
    )
    search.add_argument(
        "--type",
        action="append",
        default=[],
        choices=[d.value for d in DocType],
        help="only this document type (repeatable)",
    )
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--json", action="store_true")
    sub.add_parser("demo", help="answer a few demo questions from the live index")
    serve = sub.add_parser("serve", help="run the HTTP API and the demo storefront (uvicorn)")
    serve.add_argument("--host", help="default: AFTERCARE_HOST (127.0.0.1)")
    serve.add_argument("--port", type=int, help="default: AFTERCARE_PORT (8000)")
    serve.add_argument(
        "--database-url", help="the store to serve, e.g. an imported one (AFTERCARE_DATABASE_URL)"
    )
    from assistant.chat_cli import add_parser, run_chat

    add_parser(sub)
    from assistant.store_cli import add_parser as add_store_parser
    from assistant.store_cli import run_store

    add_store_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "chat":
        return run_chat(args)
    if args.command == "store":
        return run_store(args)
    if args.command == "serve":
        from pydantic import ValidationError

        from assistant.api.server import serve as run_server
        from assistant.settings import get_settings
        from assistant.store.policy import PolicyError, load_policy

        if args.database_url:  # the app factory and every worker read the environment
            os.environ["AFTERCARE_DATABASE_URL"] = args.database_url
            get_settings.cache_clear()
        try:
            settings = get_settings()
        except ValidationError as exc:
            print(f"assistant: invalid settings: {exc}", file=sys.stderr)
            return 2
        try:
            load_policy(settings.store_policy_path)
        except PolicyError as exc:
            print(f"assistant: invalid store policy: {exc}", file=sys.stderr)
            return 2
        return run_server(settings, host=args.host, port=args.port)

    from assistant.retrieval.hybrid import IndexNotBuilt

    try:
        retriever = _build_retriever()
    except IndexNotBuilt as exc:
        print(f"assistant: {exc}", file=sys.stderr)
        return 2
    if args.command == "search":
        _print_passages(args.question, args.sku, args.type, args.k, args.json, retriever)
    else:
        from assistant.store.demo_spec import demo_questions

        for question, skus in demo_questions():
            _print_passages(question, skus, (), 3, False, retriever)
    return 0
