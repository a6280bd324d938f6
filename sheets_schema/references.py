"""Lists other sheets point to: the territory libraries and municipalities.

Several workbooks name a library (`Biblioteka`) by its code or its name; they are all
checked against the `Bibliotekos` tab of `teritorijos_statistika`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sheets_schema.types import text_key

if TYPE_CHECKING:
    import pandas as pd

MUNICIPALITIES: dict[str, str] = {
    "Panevėžio miesto": "Panevėžio",
    "Panevėžio rajono": "Panevėžio",
    "Biržų rajono": "Panevėžio",
    "Kupiškio rajono": "Panevėžio",
    "Pasvalio rajono": "Panevėžio",
    "Rokiškio rajono": "Panevėžio",
    "Anykščių rajono": "Utenos",
    "Ignalinos rajono": "Utenos",
    "Molėtų rajono": "Utenos",
    "Utenos rajono": "Utenos",
    "Zarasų rajono": "Utenos",
    "Visagino": "Utenos",
}
COUNTIES = ("Panevėžio", "Utenos")


def _no_libraries() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(columns=["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"])


@dataclass
class References:
    """The territory libraries, looked up by code or by name, ignoring case and spacing."""

    libraries: pd.DataFrame = field(default_factory=_no_libraries)
    _lookup: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for row in self.libraries.itertuples(index=False):
            self._lookup[text_key(row.kodas)] = row.kodas
            self._lookup[text_key(row.pavadinimas)] = row.kodas

    @property
    def loaded(self) -> bool:
        return not self.libraries.empty

    def library_code(self, text: object) -> str | None:
        """The `Kodas` of a library given its code or its name; None when unknown."""
        return self._lookup.get(text_key(text)) if text is not None else None

    def library(self, code: str) -> dict:
        row = self.libraries.loc[self.libraries["kodas"] == code]
        return row.iloc[0].to_dict() if len(row) else {}
