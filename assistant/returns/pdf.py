"""A one-page PDF written by hand: text in the standard Helvetica fonts and filled rectangles
(enough for a shipping label; no dependency). Coordinates are PDF points from the bottom left."""

from __future__ import annotations

from dataclasses import dataclass, field

_FONTS = {"regular": "F1", "bold": "F2"}


def _escape(text: str) -> str:
    safe = text.encode("cp1252", errors="replace").decode("cp1252")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@dataclass(slots=True)
class Page:
    width: float
    height: float
    _ops: list[str] = field(default_factory=list)

    def text(self, x: float, y: float, value: str, size: float = 10, bold: bool = False) -> None:
        font = _FONTS["bold" if bold else "regular"]
        self._ops.append(f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td ({_escape(value)}) Tj ET")

    def rect(self, x: float, y: float, w: float, h: float, *, fill: bool = True) -> None:
        self._ops.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {'f' if fill else 'S'}")

    def line_width(self, width: float) -> None:
        self._ops.append(f"{width:g} w")

    def content(self) -> bytes:
        return ("\n".join(self._ops) + "\n").encode("cp1252", errors="replace")


def write_pdf(page: Page, title: str) -> bytes:
    """The bytes of a PDF with this one page (fonts, xref table and document info)."""
    stream = page.content()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page.width:g} {page.height:g}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream",
        f"<< /Title ({_escape(title)}) /Producer (aftercare) >>".encode("cp1252", "replace"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
