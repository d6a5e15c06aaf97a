"""``import_store(directory, store)``: load a store's exports into its database, idempotently.

Files (shapes in :mod:`assistant.store.exports`): ``store.yaml`` (the policy; its subscription
plans go into the database), ``products.json``, ``customers.json``, ``orders.json`` and,
optionally, ``subscriptions.json``. Records are matched to earlier imports by the platform's id
(``external_refs``), customers also by email and orders by number, and are updated in place. A
record that does not validate (wrong type, missing field, unknown SKU, duplicate id, ...) is
reported with its file and index and skipped; the rest loads.

``run`` holds the loop (chunks flushed together; a chunk the database refuses is replayed one
record at a time in savepoints), ``records`` what the steps share, and ``products``,
``customers``, ``orders``, ``subscriptions`` one step each.
"""

from assistant.store.importer.products import load_plans, upsert_product
from assistant.store.importer.run import (
    IMPORT_META_KEY,
    FileCounts,
    Importer,
    ImportFailed,
    ImportReport,
    Problem,
    import_store,
)

__all__ = [
    "IMPORT_META_KEY",
    "FileCounts",
    "ImportFailed",
    "ImportReport",
    "Importer",
    "Problem",
    "import_store",
    "load_plans",
    "upsert_product",
]
