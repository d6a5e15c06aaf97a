"""The agent fixtures (a demo store per test, the Assistant builder) for the real-server tests."""

from tests.agent.conftest import backend, build, settings, template_db

__all__ = ["backend", "build", "settings", "template_db"]
