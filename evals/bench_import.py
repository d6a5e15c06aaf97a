"""``evals store-gen`` (a store's generated exports) and ``evals bench-import`` (import figures).

evals store-gen DIR --now ISO --seed N --customers N --orders N --subscriptions N
                --number-format 'RO-{n:06d}' --first-number N [--email-domain D]
    writes DIR/customers.json, orders.json, subscriptions.json from DIR/products.json and
    DIR/store.yaml (deterministic)
evals bench-import [--pack corpus/_store] [--orders 10000] [--customers 2000]
    generates that many orders for the pack's catalogue and policy, imports them into a fresh
    SQLite store, then imports them again (update in place), and prints the figures
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from evals.store_gen import Spec, generate, read_products, write_exports


def add_parsers(sub: Any) -> None:
    gen = sub.add_parser("store-gen", help="generate a store's customers/orders/subscriptions")
    gen.add_argument("directory", type=Path, help="holds products.json and store.yaml")
    gen.add_argument("--now", type=datetime.fromisoformat, required=True)
    gen.add_argument("--seed", type=int, required=True)
    gen.add_argument("--customers", type=int, required=True)
    gen.add_argument("--orders", type=int, required=True)
    gen.add_argument("--subscriptions", type=int, required=True)
    gen.add_argument("--number-format", required=True, help="e.g. 'RO-{n:06d}'")
    gen.add_argument("--first-number", type=int, required=True)
    gen.add_argument("--email-domain", default="example.com")
    gen.set_defaults(func=cmd_store_gen)

    bench = sub.add_parser("bench-import", help="time `assistant store import` on N orders")
    bench.add_argument("--pack", type=Path, default=Path("corpus/_store"))
    bench.add_argument("--orders", type=int, default=10_000)
    bench.add_argument("--customers", type=int, default=2_000)
    bench.add_argument("--now", type=datetime.fromisoformat, default=None)
    bench.set_defaults(func=cmd_bench_import)


def _policy(directory: Path) -> Any:
    from assistant.store.policy import load_policy

    return load_policy(directory / "store.yaml")


def cmd_store_gen(args: argparse.Namespace) -> int:
    spec = Spec(
        now=args.now,
        customers=args.customers,
        orders=args.orders,
        subscriptions=args.subscriptions,
        seed=args.seed,
        number_format=args.number_format,
        first_number=args.first_number,
        email_domain=args.email_domain,
    )
    files = generate(read_products(args.directory), _policy(args.directory), spec)
    write_exports(args.directory, files)
    print(", ".join(f"{len(v)} {k}" for k, v in files.items()) + f" → {args.directory}")
    return 0


def cmd_bench_import(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from assistant.settings import Settings
    from assistant.store.importer import import_store
    from assistant.store.store import open_store

    policy = _policy(args.pack)
    now = args.now or datetime.now(ZoneInfo(policy.timezone)).replace(microsecond=0)
    example = policy.orders.number_example
    digits = sum(ch.isdigit() for ch in example)
    prefix = example[: len(example) - digits] if example[-digits:].isdigit() else ""
    spec = Spec(
        now=now,
        customers=args.customers,
        orders=args.orders,
        subscriptions=args.orders // 50,
        seed=1,
        number_format=prefix + "{n:0" + str(digits) + "d}",
        first_number=10 ** (digits - 1) if digits > 1 else 1,
        email_domain="bench.example",
    )
    with tempfile.TemporaryDirectory(prefix="aftercare-import-") as tmp:
        pack = Path(tmp) / "pack"
        pack.mkdir()
        shutil.copy(args.pack / "store.yaml", pack / "store.yaml")
        shutil.copy(args.pack / "products.json", pack / "products.json")
        started = time.perf_counter()
        files = generate(read_products(pack), policy, spec)
        write_exports(pack, files)
        generated = time.perf_counter() - started
        size_mb = (pack / "orders.json").stat().st_size / 1e6
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        store = open_store(settings, seed=False)
        try:
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                report = import_store(pack, store)
                timings.append((time.perf_counter() - started, report))
        finally:
            store.close()
    first, again = timings
    orders = first[1].counts["orders.json"]
    print(
        f"generated {len(files['orders'])} orders ({size_mb:.1f} MB orders.json), "
        f"{len(files['customers'])} customers, {len(files['subscriptions'])} subscriptions "
        f"in {generated:.1f} s"
    )
    print(
        f"first import:  {first[0]:.1f} s  ({orders.loaded / first[0]:.0f} orders/s, "
        f"{orders.created} created, {orders.skipped} skipped)"
    )
    counts = again[1].counts["orders.json"]
    print(f"re-import:     {again[0]:.1f} s  ({counts.updated} updated, {counts.created} created)")
    ok = first[0] < 60 and orders.skipped == 0 and not first[1].problems
    print("PASS" if ok else "FAIL", "(10,000 orders must import in under 60 s with no skips)")
    return 0 if ok else 1
