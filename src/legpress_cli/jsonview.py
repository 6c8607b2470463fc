"""Pure builders of the `--json` envelopes, typed by the TypedDicts in contract.py, and the
JSON Schema generated from those same TypedDicts. Tests validate real output against it.
Bump SCHEMA_VERSION on any change that could break a consumer.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from legpress_cli import __version__, results

# words imports the advisor: both are loaded before any --json answer is built.
from legpress_cli.advisor import Stance, claim_stance
from legpress_cli.words import (
    NOT_ADVICE,
    caution,
    comparison_text,
    load_note,
    stance_label,
    steps,
    summary,
    supports,
    target_note,
)

if TYPE_CHECKING:
    from legpress_cli.advisor import ClaimUse, Verdict
    from legpress_cli.contract import (
        ClaimDict,
        ClaimUseDict,
        CompareEnvelope,
        CompareRowDict,
        CuesEnvelope,
        Envelope,
        EvidenceEnvelope,
        FindingDict,
        KneeEnvelope,
        MapEnvelope,
        MuscleDetailDict,
        MuscleDict,
        MuscleEnvelope,
        MusclesEnvelope,
        RecommendationDict,
        SourcesEnvelope,
        StanceDict,
        StanceEnvelope,
        StanceMuscleDict,
        TargetEnvelope,
        VerdictDict,
    )
    from legpress_cli.exercises import CompareRow
    from legpress_cli.records import Catalog, Finding, Muscle
    from legpress_cli.results import (
        CompareResult,
        CuesResult,
        EvidenceResult,
        KneeResult,
        MapResult,
        MuscleResult,
        MusclesResult,
        Result,
        SourcesResult,
        StanceResult,
        TargetResult,
    )
    from legpress_cli.targets import Recommendation
    from legpress_cli.vocab import Dimension

SCHEMA_VERSION: Literal[3] = 3

DISCLAIMER = NOT_ADVICE


def _head(command: str) -> Envelope:
    return {"schema_version": SCHEMA_VERSION, "legpress_version": __version__, "command": command}


def muscle_dict(m: Muscle) -> MuscleDict:
    return {
        "id": m.id,
        "name": m.name,
        "group": m.group,
        "role": m.role,
        "emphasis": m.emphasis,
        "evidence": m.baseline.evidence,
        "in_lift": m.in_lift,
        "sources": list(m.baseline.sources),
        "disputes": [
            {"role": d.role, "evidence": d.evidence, "sources": list(d.sources), "note": d.note} for d in m.disputes
        ],
    }


def _plain(partial: Mapping[Dimension, str]) -> dict[str, str]:
    return {str(k): v for k, v in partial.items()}


def _stance(report_stance: dict[str, str]) -> StanceDict:
    return report_stance


def muscles(r: MusclesResult) -> MusclesEnvelope:
    items, role, group = r.muscles, r.role, r.group
    return {
        **_head("muscles"),
        "role": role,
        "group": group,
        "muscles": [muscle_dict(m) for m in items],
    }


def _claim_use(use: ClaimUse) -> ClaimUseDict:
    c = use.claim
    return {
        "id": c.id,
        "source": c.source,
        "text": c.text,
        "when": _plain(c.when),
        "direction": c.direction,
        "status": use.status,
        "decided_by": list(use.decided_by),
    }


def _verdict(catalog: Catalog, v: Verdict) -> VerdictDict:

    return {
        "direction": v.direction,
        "change": v.change,
        "evidence": v.grade,
        "findings": [a.finding.id for a in v.deciding],
        "measured": [
            {
                "finding": a.finding.id,
                "source": a.finding.source,
                "comparison": comparison_text(catalog, a.finding),
                "result": a.direction,
                "indirect": steps(catalog, a.indirect),
            }
            for a in v.findings
        ],
        "parts": [
            {
                "options": dict(p.options),
                "direction": p.direction,
                "evidence": p.grade,
                "findings": [a.finding.id for a in p.findings],
                "claims": [u.claim.id for u in p.claims],
            }
            for p in v.parts
        ],
        "claims": [_claim_use(u) for u in v.claims],
        "claimed": [
            {"claim": u.claim.id, "source": u.claim.source, "direction": u.claim.direction, "status": u.status}
            for u in v.claimed
        ],
        "load_notes": [load_note(catalog, n) for n in v.load_notes],
    }


def muscle(r: MuscleResult) -> MuscleEnvelope:
    catalog, m, effects = r.catalog, r.muscle, r.effects
    detail: MuscleDetailDict = {
        **muscle_dict(m),
        "short": m.short,
        "aliases": list(m.aliases),
        "location": m.location,
        "joints": list(m.joints),
        "actions": list(m.actions),
        "stance_effects": [
            {"dimension": ch.dimension, "value": ch.value, "label": ch.label, **_verdict(catalog, v)}
            for ch, v in effects
        ],
        "compared_with_exercises": [{"exercise": e.id, **_compare_row(catalog, row)} for e, row in r.compared],
    }
    return {**_head("muscle"), "muscle": detail, "guessed_from": r.guessed_from}


def cues(r: CuesResult) -> CuesEnvelope:
    items, phase = r.cues, r.phase
    return {
        **_head("cues"),
        "phase": phase,
        "disclaimer": DISCLAIMER,
        "cues": [
            {
                "id": c.id,
                "phase": c.phase,
                "cue": c.cue,
                "fault": c.fault,
                "why": c.why,
                "evidence": c.evidence,
                "sources": list(c.sources),
            }
            for c in items
        ],
    }


def sources(r: SourcesResult) -> SourcesEnvelope:
    catalog, uses = r.catalog, r.uses
    return {
        **_head("sources"),
        "studies": sum(1 for u in uses if u.source.kind in ("study", "review")),
        "left_out": [{"name": x.name, "reason": x.reason} for x in r.catalog.left_out],
        "sources": [
            {
                "number": u.number,
                "id": u.source.id,
                "label": u.source.label,
                "kind": u.source.kind,
                "citation": u.source.citation,
                "doi": u.source.doi,
                "summary": u.source.summary,
                "supports": supports(catalog, u.supports),
            }
            for u in uses
        ],
    }


def _stance_muscle(catalog: Catalog, v: Verdict) -> StanceMuscleDict:
    m = v.muscle
    return {
        "id": m.id,
        "name": m.name,
        "group": m.group,
        "role": m.role,
        "role_evidence": m.baseline.evidence,
        "baseline_emphasis": v.baseline,
        "emphasis": v.level,
        **_verdict(catalog, v),
    }


def stance(r: StanceResult) -> StanceEnvelope:

    catalog, report = r.catalog, r.report
    return {
        **_head("stance"),
        "stance": _stance(report.stance.as_dict()),
        "against": _stance(report.base.as_dict()),
        "machines": [{"machine": m, "sources": list(s)} for m, s in report.machines()],
        "summary": summary(catalog, report)[0],
        "muscles": [_stance_muscle(catalog, v) for v in report.verdicts],
        "other_measures": [
            {
                "measure": m.outcome.measure,
                "direction": m.direction,
                "note": m.outcome.note,
                "source": m.finding.source,
                "study": m.finding.id,
                "indirect": steps(catalog, m.indirect),
            }
            for m in report.measures
        ],
        "contradicted": [
            {
                "claim": c.claim.id,
                "source": c.claim.source,
                "text": c.claim.text,
                "muscles": list(c.muscle_ids),
                "decided_by": list(c.decided_by),
            }
            for c in report.contradicted
        ],
        "explanations": [
            {
                "dimension": ch.dimension,
                "value": ch.value,
                "label": ch.label,
                "mechanism": ch.mechanism,
                "caution": ch.caution,
            }
            for ch in report.choices
        ],
    }


def _recommendation(catalog: Catalog, r: Recommendation) -> RecommendationDict:

    return {
        "rank": r.rank,
        "stance": _stance(r.stance.as_dict()),
        "label": stance_label(catalog, r.stance),
        "evidence": r.evidence,
        "findings": list(r.findings),
        "raised": list(r.raised),
        "also_changes": [
            {"id": m.muscle_id, "direction": m.direction, "change": m.change, "evidence": m.grade} for m in r.also
        ],
        "cautions": [caution(c) for c in r.cautions],
    }


def target(r: TargetResult) -> TargetEnvelope:

    catalog, report, guessed_from = r.catalog, r.report, r.guessed_from
    kind: Literal["muscle", "group"] = "group" if report.kind == "group" else "muscle"
    return {
        **_head("target"),
        "target": {
            "id": report.id,
            "name": report.name,
            "kind": kind,
            "muscles": list(report.muscle_ids),
        },
        "guessed_from": guessed_from,
        "note": target_note(catalog, report),
        "recommendations": [_recommendation(catalog, r) for r in report.recommendations],
        "claimed": [
            {
                "claim": c.claim.id,
                "source": c.claim.source,
                "stance": _stance(claim_stance(c.claim, Stance()).as_dict()),
                "label": stance_label(catalog, Stance.of(**c.claim.when)),
                "status": c.status,
                "muscles": list(c.muscle_ids),
            }
            for c in report.claimed
        ],
    }


def body_map(r: MapResult) -> MapEnvelope:
    catalog, report = r.catalog, r.report
    verdicts = report.by_muscle()
    return {
        **_head("map"),
        "stance": _stance(report.stance.as_dict()),
        "against": _stance(report.base.as_dict()),
        "views": [
            {
                "id": v.id,
                "title": v.title,
                "regions": [
                    {
                        "key": key,
                        "muscle": mid,
                        "direction": verdicts[mid].direction,
                        "change": verdicts[mid].change,
                        "evidence": verdicts[mid].grade,
                    }
                    for key, mid in v.regions.items()
                ],
            }
            for v in catalog.views
        ],
    }


def _finding(catalog: Catalog, f: Finding) -> FindingDict:

    return {
        "id": f.id,
        "source": f.source,
        "comparison": comparison_text(catalog, f),
        "compared": {"a": _plain(f.a), "b": _plain(f.b)},
        "fixed": {"load_percent": f.load_percent, "machine": f.machine, "population": f.population, "n": f.n},
        "measured": list(f.measured),
        "heads": list(catalog.recorded(f)),
        "sample": f.independent,
        "results": dict(f.results),
        "note": f.note,
        "proxy": f.proxy,
    }


def evidence(r: EvidenceResult) -> EvidenceEnvelope:
    catalog, report, muscle_id = r.catalog, r.report, r.muscle_id
    claims: dict[str, ClaimDict] = {}
    for row in report.claims:
        c = row.claim
        entry = claims.setdefault(
            c.id,
            {
                "id": c.id,
                "source": c.source,
                "when": _plain(c.when),
                "targets": list(c.targets),
                "direction": c.direction,
                "text": c.text,
                "status": [],
            },
        )
        entry["status"].append({"muscle": row.muscle.id, "status": row.status, "decided_by": list(row.decided_by)})
    return {
        **_head("evidence"),
        "muscle": muscle_id,
        "findings": [_finding(catalog, r.finding) for r in report.rows],
        "claims": list(claims.values()),
    }


def _compare_row(catalog: Catalog, row: CompareRow) -> CompareRowDict:
    kind: Literal["muscle", "group"] = "group" if catalog.is_group(row.target) else "muscle"
    return {
        "id": row.target,
        "name": catalog.display_name(row.target),
        "kind": kind,
        "method": row.method,
        "direction": row.direction,
        "evidence": row.grade,
        "studies": [
            {"comparison": c.id, "source": c.source, "result": result, "note": c.note} for c, result in row.findings
        ],
    }


def compare(r: CompareResult) -> CompareEnvelope:
    catalog, report = r.catalog, r.report
    e = report.exercise
    return {
        **_head("compare"),
        "exercise": {"id": e.id, "name": e.name, "summary": e.summary},
        "guessed_from": r.guessed_from,
        "muscles": [_compare_row(catalog, row) for row in report.rows],
        "not_reported": list(report.not_reported),
        "not_measured": list(report.not_measured),
        "other_measures": [
            {
                "measure": m.outcome.measure,
                "direction": m.outcome.result,
                "note": m.outcome.note,
                "source": m.comparison.source,
                "study": m.comparison.id,
                "indirect": [],
            }
            for m in report.measures
        ],
        "claims": [
            {
                "id": u.claim.id,
                "source": u.claim.source,
                "text": u.claim.text,
                "measure": u.claim.measure,
                "direction": u.claim.direction,
                "status": u.status,
                "decided_by": list(u.decided_by),
                "note": u.claim.note,
            }
            for u in report.claims
        ],
    }


KNEE_ADVICE = "Knee pain, swelling or a knee that gives way is for a clinician to assess, not for a tool."


def knee(r: KneeResult) -> KneeEnvelope:
    report = r.report
    return {
        **_head("knee"),
        "positions": [
            {
                "dimensions": list(k.dimensions),
                "finding": k.finding.id,
                "source": k.finding.source,
                "compared": {"a": _plain(k.finding.a), "b": _plain(k.finding.b)},
                "measure": k.outcome.measure,
                "result": k.outcome.result,
                "note": k.outcome.note,
                "proxy": k.finding.proxy,
            }
            for k in report.positions
        ],
        "exercises": [
            {
                "exercise": m.comparison.exercise,
                "comparison": m.comparison.id,
                "source": m.comparison.source,
                "measure": m.outcome.measure,
                "result": m.outcome.result,
                "note": m.outcome.note,
            }
            for m in report.exercises
        ],
        "cues": [c.id for c in report.cues],
        "advice": KNEE_ADVICE,
    }


BUILDERS: dict[type[Result], Callable[[Any], object]] = {
    results.MusclesResult: muscles,
    results.MuscleResult: muscle,
    results.CuesResult: cues,
    results.SourcesResult: sources,
    results.StanceResult: stance,
    results.TargetResult: target,
    results.MapResult: body_map,
    results.EvidenceResult: evidence,
    results.CompareResult: compare,
    results.KneeResult: knee,
}


def envelope(result: Result) -> object:
    """The --json answer for any command's result."""
    return BUILDERS[type(result)](result)


def dumps(payload: object) -> str:
    """JSON text for stdout; ASCII escapes only when the output encoding cannot carry UTF-8."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    text = json.dumps(payload, indent=2, ensure_ascii=not encoding.startswith("utf")) + "\n"
    # A command-line argument that was not UTF-8 reaches Python as lone surrogates, which no
    # UTF-8 reader accepts: they become U+FFFD, as a decoder would have made them.
    return _LONE_SURROGATE.sub("\ufffd", text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _closed(node: object) -> None:
    """Forbid keys the contract does not name, so a consumer can rely on the exact shape."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


# The schema changes only with the code, so it is made when the release is (scripts/make_docs.py)
# and read here: `legpress schema` then needs no pydantic. A test checks it is current.
SCHEMA = Path(__file__).with_name("schema.json")


def schema(command: str | None) -> dict[str, object]:
    """The JSON Schema of one command's envelope, or of all of them."""
    whole: dict[str, Any] = json.loads(SCHEMA.read_bytes())
    return whole["commands"][command] if command is not None else whole


def schema_text() -> str:
    """What schema.json holds: every envelope's schema, made by pydantic from contract.py."""
    from pydantic import TypeAdapter

    from legpress_cli.contract import ENVELOPES

    def one(name: str) -> dict[str, object]:
        generated: dict[str, object] = TypeAdapter(ENVELOPES[name]).json_schema()
        _closed(generated)
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated}

    whole = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "legpress JSON output",
        "schema_version": SCHEMA_VERSION,
        "commands": {name: one(name) for name in ENVELOPES},
    }
    return json.dumps(whole, indent=1, ensure_ascii=False) + "\n"
