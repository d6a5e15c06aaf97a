"""Safe defaults: unset secrets are random and kept owner-only in the data folder, the public
dev secret only in demo mode, demo mode never in production and announced at start."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.api.secrets import SecretsFileError, load_or_create, provision_secrets
from assistant.settings import DEV_SECRET, SECRET_FIELDS, Settings


def _dev(tmp_path: Path, **values: object) -> Settings:
    return Settings(environment="development", data_dir=tmp_path / "var", **values)  # type: ignore[arg-type]


def test_unset_secrets_are_generated_once_and_kept_owner_only(tmp_path: Path) -> None:
    first = provision_secrets(_dev(tmp_path))
    path = tmp_path / "var" / "secrets.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    values = {name: getattr(first, name).get_secret_value() for name in SECRET_FIELDS}
    assert len(set(values.values())) == len(SECRET_FIELDS)
    assert all(len(v) >= 32 and v != DEV_SECRET for v in values.values())
    again = provision_secrets(_dev(tmp_path))  # a restart, or a second worker
    assert {n: getattr(again, n).get_secret_value() for n in SECRET_FIELDS} == values
    assert json.loads(path.read_text()) == values


def test_a_configured_secret_wins_and_is_not_written(tmp_path: Path) -> None:
    chosen = "c" * 40
    settings = provision_secrets(_dev(tmp_path, admin_api_key=chosen))
    assert settings.admin_api_key.get_secret_value() == chosen
    assert chosen not in (tmp_path / "var" / "secrets.json").read_text()


def test_a_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    load_or_create(path)
    path.chmod(0o644)
    with pytest.raises(SecretsFileError, match="chmod 600"):
        load_or_create(path)


def test_a_secret_added_later_is_appended(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    old = load_or_create(path)
    del old["events_secret"]
    path.write_text(json.dumps(old))
    grown = load_or_create(path)
    assert set(grown) == set(SECRET_FIELDS) and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_dev_secret_only_in_demo_mode(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for name in SECRET_FIELDS:
        with pytest.raises(ValidationError, match="public development value"):
            Settings(environment="development", **{name: DEV_SECRET})  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="assistant.api"):
        demo = provision_secrets(_dev(tmp_path, demo_mode=True))
    assert demo.admin_api_key.get_secret_value() == DEV_SECRET
    assert any("DEMO MODE" in r.getMessage() for r in caplog.records)
    assert not (tmp_path / "var").exists()  # nothing generated for a demo


def test_production_refuses_demo_mode_and_short_secrets() -> None:
    with pytest.raises(ValidationError, match="demo_mode cannot be on in production"):
        Settings(environment="production", demo_mode=True)
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(environment="production", admin_api_key="short")  # type: ignore[arg-type]


def test_the_test_environment_keeps_per_process_random_secrets(tmp_path: Path) -> None:
    settings = Settings(environment="test", data_dir=tmp_path / "var")
    assert provision_secrets(settings) is settings and not (tmp_path / "var").exists()
    values = {getattr(settings, name).get_secret_value() for name in SECRET_FIELDS}
    assert len(values) == len(SECRET_FIELDS) and DEV_SECRET not in values
    again = Settings(environment="test")  # e.g. the app restarted within this process
    assert again.confirmation_secret == settings.confirmation_secret
