"""The evidence matrix (`legpress evidence`): every finding as a row of results by muscle, and
every claim with its status. Pure functions, as in advisor.py."""

from typing import Literal, NamedTuple

from legpress_cli.advisor import claim_status
from legpress_cli.records import Catalog, Claim, Finding, Muscle
from legpress_cli.vocab import Result, Status


class EvidenceRow(NamedTuple):
    finding: Finding
    # Only the muscles it measured (of those asked about), so the report grows with the
    # findings and what they measured, never with findings times muscles.
    cells: dict[str, Result | Literal["not_reported"]]


class ClaimRow(NamedTuple):
    claim: Claim
    muscle: Muscle
    status: Status
    decided_by: tuple[str, ...]


class EvidenceReport(NamedTuple):
    muscles: tuple[Muscle, ...]
    rows: tuple[EvidenceRow, ...]
    claims: tuple[ClaimRow, ...]


def evidence(catalog: Catalog, muscle_id: str | None = None) -> EvidenceReport:
    """Every finding as a row of results by muscle, and every claim with its status; with a
    muscle or group id, only what speaks of it (a group: of any of its muscles)."""
    ids = None if muscle_id is None else catalog.expand(muscle_id)
    muscles = tuple(catalog.muscles) if ids is None else tuple(catalog.muscle(i) for i in ids)
    if ids is None:
        findings = catalog.findings
    else:
        on = {f.id for i in ids for f in catalog.findings_on(i)}
        findings = tuple(f for f in catalog.findings if f.id in on)
    rows = []
    asked = None if ids is None else set(ids)
    for f in findings:
        measured = [i for i in catalog.recorded(f) if asked is None or i in asked]
        cells = {i: catalog.result_for(f, catalog.muscle(i)) or "not_reported" for i in measured}
        rows.append(EvidenceRow(f, cells))
    claims = [ClaimRow(c, m, *claim_status(catalog, c, m)[1:]) for m in muscles for c in catalog.claims_on(m.id)]
    return EvidenceReport(muscles, tuple(rows), tuple(claims))
