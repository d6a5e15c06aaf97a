"""A postal address as every layer writes it: a store's returns address in its policy, an
order's addresses shown to the customer, the addresses on a return label."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class PostalAddress(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    line1: str
    line2: str = ""
    city: str
    region: str
    postal_code: str
    country: str = "US"

    def one_line(self) -> str:
        """Street, city, region and postal code on one line (no name, no country)."""
        street = f"{self.line1}, {self.line2}" if self.line2 else self.line1
        return f"{street}, {self.city}, {self.region} {self.postal_code}"

    def lines(self) -> list[str]:
        """The address block of a label: name, street lines, city line with country."""
        street = [self.line1, self.line2] if self.line2 else [self.line1]
        return [self.name, *street, f"{self.city}, {self.region} {self.postal_code} {self.country}"]
