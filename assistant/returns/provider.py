"""``ReturnsProvider``: who issues a return's label. The default writes the label itself as a
PDF under the data folder (:class:`PdfLabelProvider`); a carrier integration (e.g. a shipping
platform's return-label API) would implement the same two methods."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from assistant.returns.barcode import code39_bars, code39_width
from assistant.returns.pdf import Page, write_pdf
from assistant.settings import Settings
from assistant.store.address import PostalAddress

RMA_PATTERN = re.compile(r"^RMA-[0-9A-Z]{6,12}$")


class LabelAddress(PostalAddress):
    """An address printed on a return label."""


class LabelRequest(BaseModel):
    model_config = ConfigDict(frozen=True)

    rma: str
    order_number: str
    carrier: str
    ship_from: LabelAddress
    ship_to: LabelAddress
    items: list[str]
    drop_off_by: date


class IssuedLabel(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str  # the provider's name for the label (opened again with ``label_file``)
    carrier: str


class ReturnsProvider(Protocol):
    def issue_label(self, request: LabelRequest) -> IssuedLabel: ...
    def label_file(self, file: str) -> Path | None: ...


def render_label(request: LabelRequest) -> bytes:
    """A 4 × 6 inch return label: carrier, RMA in words and as a Code 39 barcode, both
    addresses, the order and the items, and the drop-off date."""
    page = Page(288, 432)
    page.text(18, 402, f"RETURN - {request.carrier}", 16, bold=True)
    page.text(
        18,
        386,
        f"Drop off by {request.drop_off_by:%B} {request.drop_off_by.day}, "
        f"{request.drop_off_by.year}",
        9,
    )
    page.line_width(1)
    page.rect(12, 250, 264, 128, fill=False)
    y = 362.0
    page.text(18, y, "FROM:", 8, bold=True)
    for line in request.ship_from.lines():
        y -= 11
        page.text(18, y, line, 9)
    y -= 16
    page.text(18, y, "SHIP TO:", 8, bold=True)
    for index, line in enumerate(request.ship_to.lines()):
        y -= 13
        page.text(18, y, line, 11, bold=index == 0)
    page.text(18, 226, request.rma, 20, bold=True)
    units = code39_width(request.rma)
    unit = min(1.2, 252 / units)
    left = (288 - units * unit) / 2
    for offset, width in code39_bars(request.rma):
        page.rect(left + offset * unit, 150, width * unit, 60)
    page.text(18, 130, f"Order #{request.order_number}", 9)
    y = 116.0
    for item in request.items[:6]:
        page.text(18, y, f"- {item}", 8)
        y -= 11
    page.text(18, 20, "Attach to the outside of the box. Cover or remove old labels.", 7)
    return write_pdf(page, f"Return label {request.rma}")


class PdfLabelProvider:
    """Writes each label as ``<folder>/<RMA>.pdf``."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def issue_label(self, request: LabelRequest) -> IssuedLabel:
        if RMA_PATTERN.fullmatch(request.rma) is None:
            raise ValueError(f"not an RMA: {request.rma!r}")
        self._folder.mkdir(parents=True, exist_ok=True)
        name = f"{request.rma}.pdf"
        target = self._folder / name
        partial = target.with_suffix(".part")
        partial.write_bytes(render_label(request))
        partial.replace(target)
        return IssuedLabel(file=name, carrier=request.carrier)

    def label_file(self, file: str) -> Path | None:
        """The label's path, or ``None`` for a name that is not one of ours or is missing."""
        if not file.endswith(".pdf") or RMA_PATTERN.fullmatch(file[:-4]) is None:
            return None
        path = self._folder / file
        return path if path.is_file() else None


def labels_dir(settings: Settings) -> Path:
    """``settings.return_labels_dir``, or ``return_labels`` beside a SQLite database file."""
    if settings.return_labels_dir is not None:
        return settings.return_labels_dir
    prefix = "sqlite:///"
    if settings.database_url.startswith(prefix) and len(settings.database_url) > len(prefix):
        return Path(settings.database_url[len(prefix) :]).parent / "return_labels"
    return Path("var/return_labels")


def default_provider(settings: Settings) -> PdfLabelProvider:
    return PdfLabelProvider(labels_dir(settings))
