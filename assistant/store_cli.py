"""``assistant store ...``: load a store's exports into its database; write the demo pack; run
the returns desk.

assistant store import DIR [--strict] [--database-url URL] [--json]
assistant store export-demo DIR --now 2026-01-20T10:00:00-05:00
assistant store receive-return RMA [--issue-refund] [--database-url URL] [--json]
assistant store issue-refund RMA [--database-url URL] [--json]

``import`` reads DIR/store.yaml, products.json, customers.json, orders.json and (optionally)
subscriptions.json; exit 0 when loaded, 1 with ``--strict`` when any record was skipped, 2 when
the directory cannot be imported at all. Point the service at the same store with
``AFTERCARE_DATABASE_URL`` and ``AFTERCARE_STORE_POLICY_PATH=DIR/store.yaml``.

``receive-return`` marks a return's parcel received (its refund starts processing, expected
dates from the policy), ``--issue-refund`` then also issues the refund; ``issue-refund`` issues
the refund of a received return (:mod:`assistant.commerce.returns_desk`, audited like the admin
API). Exit 0 when done, 1 when the RMA is unknown or the step does not fit the return's state.
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
    receive = verbs.add_parser("receive-return", help="a return's parcel arrived (by RMA)")
    receive.add_argument("rma")
    receive.add_argument("--issue-refund", action="store_true", help="then issue its refund")
    issue = verbs.add_parser("issue-refund", help="issue the refund of a received return")
    issue.add_argument("rma")
    for verb in (receive, issue):
        verb.add_argument("--database-url", help="default: AFTERCARE_DATABASE_URL")
        verb.add_argument("--json", action="store_true", help="print the return as JSON")
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
        if args.store_command in ("receive-return", "issue-refund"):
            return _returns_desk(args, settings)
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


def _returns_desk(args: argparse.Namespace, settings: Any) -> int:
    from assistant.commerce.errors import ActionNotAllowed, NotFound
    from assistant.commerce.returns_desk import ReturnsDesk
    from assistant.store.policy import load_policy
    from assistant.store.store import open_store

    store = open_store(settings, seed=False)
    try:
        desk = ReturnsDesk(store, load_policy(settings.store_policy_path))
        if args.store_command == "receive-return":
            progress = desk.receive(args.rma, by="cli")
            if args.issue_refund and progress.refunds:
                progress = desk.issue_refund(args.rma, by="cli")
        else:
            progress = desk.issue_refund(args.rma, by="cli")
    except (NotFound, ActionNotAllowed) as exc:
        print(f"assistant store: {exc.message}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.json:
        print(progress.model_dump_json(indent=2))
        return 0
    print(f"{progress.rma} (order #{progress.order_number}): {progress.status}")
    for refund in progress.refunds:
        when = ""
        if refund.expected_from and refund.expected_to:
            when = f", expected {refund.expected_from} to {refund.expected_to}"
        status = f"{refund.status}{when}"
        print(f"  refund {refund.reference} {refund.amount} to {refund.method}: {status}")
    return 0


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
