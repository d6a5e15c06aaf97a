"""``assistant store ...``: load a store's exports into its database; write the demo pack.

assistant store import DIR [--strict] [--database-url URL] [--json]
assistant store export-demo DIR --now 2026-01-20T10:00:00-05:00

``import`` reads DIR/store.yaml, products.json, customers.json, orders.json and (optionally)
subscriptions.json; exit 0 when loaded, 1 with ``--strict`` when any record was skipped, 2 when
the directory cannot be imported at all. Point the service at the same store with
``AFTERCARE_DATABASE_URL`` and ``AFTERCARE_STORE_POLICY_PATH=DIR/store.yaml``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    store = sub.add_parser("store", help="import a store's exports; write the demo pack")
    verbs = store.add_subparsers(dest="store_command", required=True)
    imp = verbs.add_parser(
        "import", help="load store.yaml, products/customers/orders/subscriptions.json"
    )
    imp.add_argument("directory", type=Path)
    imp.add_argument("--strict", action="store_true", help="exit 1 if any record was skipped")
    imp.add_argument("--database-url", help="default: AFTERCARE_DATABASE_URL")
    imp.add_argument("--json", action="store_true", help="print the report as JSON")
    imp.add_argument("--quiet", action="store_true", help="no progress lines")
    demo = verbs.add_parser("export-demo", help="write the demo store's exports from the seeder")
    demo.add_argument("directory", type=Path)
    demo.add_argument(
        "--now", required=True, type=datetime.fromisoformat, help="the demo clock (ISO 8601)"
    )


def run_store(args: argparse.Namespace) -> int:
    from assistant.settings import get_settings
    from assistant.store.policy import PolicyError

    settings = get_settings()
    if getattr(args, "database_url", None):
        settings = settings.model_copy(update={"database_url": args.database_url})
    try:
        if args.store_command == "import":
            return _import(args, settings)
        return _export_demo(args, settings)
    except PolicyError as exc:
        print(f"assistant store: {exc}", file=sys.stderr)
        return 2


def _import(args: argparse.Namespace, settings: Any) -> int:
    from assistant.store.importer import ImportFailed, import_store
    from assistant.store.store import open_store

    def progress(name: str, done: int, total: int) -> None:
        if not args.quiet:
            print(f"  {name}: {done}/{total}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    store = open_store(settings, seed=False)
    try:
        report = import_store(args.directory, store, progress=progress)
    except ImportFailed as exc:
        print(f"assistant store: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    seconds = time.perf_counter() - started
    if args.json:
        payload = {
            "counts": {
                name: {"created": c.created, "updated": c.updated, "skipped": c.skipped}
                for name, c in report.counts.items()
            },
            "problems": [str(p) for p in report.problems],
            "seconds": round(seconds, 2),
        }
        print(json.dumps(payload, indent=2))
    else:
        print(report.summary())
        for problem in report.problems:
            print(f"skipped {problem}")
        print(f"imported into {settings.database_url} in {seconds:.1f} s")
    return 1 if args.strict and report.skipped else 0


def _export_demo(args: argparse.Namespace, settings: Any) -> int:
    import tempfile

    from assistant.store.clock import FixedClock
    from assistant.store.demo_pack import export_store
    from assistant.store.policy import load_policy
    from assistant.store.store import open_store

    now: datetime = args.now
    policy_path = args.directory / "store.yaml"
    policy = load_policy(policy_path if policy_path.exists() else settings.store_policy_path)
    with tempfile.TemporaryDirectory() as tmp:
        demo = settings.model_copy(
            update={
                "database_url": f"sqlite:///{Path(tmp) / 'demo.db'}",
                "store_now": now,
                "store_policy_path": policy_path
                if policy_path.exists()
                else settings.store_policy_path,
            }
        )
        store = open_store(demo, clock=FixedClock(now, policy.tz), seed=True)
        try:
            counts = export_store(store, policy, args.directory)
        finally:
            store.close()
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" → {args.directory}")
    return 0
