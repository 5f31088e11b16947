"""One document of a validation batch: the frames its checks read, under the id it reports.

Kept apart from ``run`` (which imports great-expectations) so callers can assemble a batch
without paying for that import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .rules import Inputs
from .rules.base import narrative_figures
from .sheet import Sheet


@dataclass(frozen=True, eq=False)  # eq=False: frames have no truth value to compare by
class DocumentToValidate:
    """A document's facts, its ``core.narrative_facts`` rows and last year's facts of its unit.

    A missing narrative or previous year contributes no instances, never failures by itself.
    """

    document_id: str
    facts: pd.DataFrame
    narrative: pd.DataFrame | None = None
    previous_facts: pd.DataFrame | None = None
    identity_notes: tuple[dict[str, Any], ...] = ()  # see pipelines.identity.weigh
    # the tables half of the disclosure, for a narrative-only file (narrative suite only)
    partner_facts: pd.DataFrame | None = None
    document_notes: tuple[dict[str, Any], ...] = ()  # see pipelines.extract.document_notes

    def inputs(self) -> Inputs:
        """What the rules see of this document; built once and shared by every suite."""
        previous = self.previous_facts
        return Inputs(
            sheet=Sheet.from_facts(self.facts),
            narrative=narrative_figures(self.narrative),
            previous=None if previous is None else Sheet.from_facts(previous),
            identity_notes=self.identity_notes,
            document_notes=self.document_notes,
            partner=None if self.partner_facts is None else Sheet.from_facts(self.partner_facts),
        )
