"""The store's live data: SQL schema, migrations, clock and the deterministic demo data.

Nothing here runs at import time; :func:`assistant.store.store.open_store` builds everything.
"""
