from tests.metrics.conftest import settings, store

__all__ = ["settings", "store"]
