"""Secrets the operator did not set: where the running service gets them.

- demo mode: the public development value (:data:`~assistant.settings.DEV_SECRET`), so the
  README's demo commands work; a warning line says so at start.
- ``test`` environment: the random per-process values the settings already hold.
- otherwise: random values generated at first start and kept in ``<data_dir>/secrets.json``
  (owner-only, 0600), so restarts and every worker share them. Several workers starting at once
  agree: the file is created exclusively and a loser reads the winner's file.

A secret set through the environment always wins and is never written to the file.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import stat
from pathlib import Path

from pydantic import SecretStr

from assistant.settings import DEV_SECRET, SECRET_FIELDS, Settings

log = logging.getLogger("assistant.api")
SECRETS_FILE = "secrets.json"


class SecretsFileError(RuntimeError):
    """The secrets file exists but cannot be used (unreadable, not JSON, others may read it)."""


def provision_secrets(settings: Settings) -> Settings:
    """``settings`` with every unset secret filled in as described in the module docstring."""
    unset = [name for name in SECRET_FIELDS if name not in settings.model_fields_set]
    if settings.demo_mode:
        log.warning(
            "DEMO MODE: demo sign-in links are on and unset secrets use the public development "
            "value; never expose this service"
        )
        values = dict.fromkeys(unset, DEV_SECRET)
    elif settings.environment == "test" or not unset:
        return settings
    else:
        stored = load_or_create(settings.data_dir / SECRETS_FILE)
        values = {name: stored[name] for name in unset}
    return settings.model_copy(update={k: SecretStr(v) for k, v in values.items()})


def load_or_create(path: Path) -> dict[str, str]:
    """The secrets kept in ``path``, creating the file (0600) with fresh ones when missing and
    adding any secret a newer version needs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = {name: secrets.token_urlsafe(32) for name in SECRET_FIELDS}
    tmp = _write_private(path.with_name(f".{path.name}.new-{os.getpid()}"), fresh)
    try:
        os.link(tmp, path)  # atomic: the file appears complete, or another process won
    except FileExistsError:
        stored = _read(path)
        missing = {k: v for k, v in fresh.items() if k not in stored}
        if missing:
            stored.update(missing)
            _write_private(tmp, stored).replace(path)
        return stored
    finally:
        tmp.unlink(missing_ok=True)
    log.info("generated secrets in %s (owner-only)", path)
    return fresh


def _read(path: Path) -> dict[str, str]:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SecretsFileError(
            f"{path} may be read by others (mode {mode:o}); run `chmod 600 {path}`"
        )
    try:
        raw = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError) as exc:
        raise SecretsFileError(f"{path} is not a readable JSON file: {exc}") from None
    if not isinstance(raw, dict) or not all(
        isinstance(v, str) and len(v) >= 32 for v in raw.values()
    ):
        raise SecretsFileError(f"{path} must map secret names to strings of 32+ characters")
    return {str(k): v for k, v in raw.items()}


def _write_private(path: Path, values: dict[str, str]) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(values, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    return path
