"""Where a test's store lives: a SQLite file (the default) or a database on the session's real
PostgreSQL (``pytest --engines``). Either way a suite seeds one template per session and each
test gets its own copy: a copied file, or ``CREATE DATABASE … TEMPLATE``."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.engines import PostgresServer


@dataclass
class Databases:
    folder: Path
    postgres: PostgresServer | None = None
    _names: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def engine(self) -> str:
        return "postgresql" if self.postgres is not None else "sqlite"

    def fresh(self) -> str:
        """The URL of a new, empty database."""
        if self.postgres is not None:
            return self.postgres.url(self.postgres.create_database())
        return f"sqlite:///{self.folder / f'db-{next(self._names)}.db'}"

    def template(self, populate: Callable[[str], None]) -> str:
        """A database filled once by ``populate(url)`` (which must close its connections), to
        :meth:`copy` for each test."""
        url = self.fresh()
        populate(url)
        return url

    def copy(self, template: str) -> str:
        """A new database with the template's contents."""
        source = make_url(template)
        if self.postgres is not None:
            assert source.database is not None
            return self.postgres.url(self.postgres.create_database(template=source.database))
        target = self.fresh()
        shutil.copyfile(str(source.database), str(make_url(target).database))
        return target

    def drop(self, url: str) -> None:
        parsed = make_url(url)
        if self.postgres is not None and parsed.database is not None:
            self.postgres.drop_database(parsed.database)
        elif parsed.database:
            Path(parsed.database).unlink(missing_ok=True)
