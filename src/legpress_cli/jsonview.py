"""Pure builders of the `--json` envelopes, typed by the TypedDicts in contract.py, and the
JSON Schema generated from those same TypedDicts. Tests validate real output against it.
Bump SCHEMA_VERSION on any change that could break a consumer.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Literal

from legpress_cli import __version__

if TYPE_CHECKING:
    from legpress_cli.advisor import Recommendation, Shift, SourceUse, StanceReport, TargetReport
    from legpress_cli.contract import (
        CuesEnvelope,
        EffectDict,
        Envelope,
        MapEnvelope,
        MuscleDetailDict,
        MuscleDict,
        MuscleEnvelope,
        MusclesEnvelope,
        RecommendationDict,
        RoleStr,
        SourcesEnvelope,
        StanceDict,
        StanceEnvelope,
        StanceMuscleDict,
        TargetEnvelope,
    )
    from legpress_cli.model import Catalog, Choice, Cue, Effect, Muscle

SCHEMA_VERSION: Literal[1] = 1

DISCLAIMER = "General information about exercise technique, not medical advice."


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


def _effect(e: Effect) -> EffectDict:
    return {
        "targets": list(e.targets),
        "change": e.change,
        "evidence": e.evidence,
        "reason": e.reason,
        "sources": list(e.sources),
    }


def _stance(report_stance: dict[str, str]) -> StanceDict:
    return report_stance  # type: ignore[return-value]  # values come from the CLI's choices


def muscles(items: tuple[Muscle, ...], role: RoleStr | None, group: str | None) -> MusclesEnvelope:
    return {
        **_head("muscles"),
        "role": role,
        "group": group,
        "muscles": [muscle_dict(m) for m in items],
    }


def muscle(m: Muscle, effects: tuple[tuple[Choice, Effect], ...], guessed_from: str | None) -> MuscleEnvelope:
    detail: MuscleDetailDict = {
        **muscle_dict(m),
        "aliases": list(m.aliases),
        "location": m.location,
        "joints": list(m.joints),
        "actions": list(m.actions),
        "stance_effects": [
            {
                "dimension": ch.dimension,
                "value": ch.value,
                "label": ch.label,
                "change": eff.change,
                "evidence": eff.evidence,
                "reason": eff.reason,
                "sources": list(eff.sources),
            }
            for ch, eff in effects
        ],
    }
    return {**_head("muscle"), "muscle": detail, "guessed_from": guessed_from}


def cues(items: tuple[Cue, ...], phase: str | None) -> CuesEnvelope:
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


def sources(uses: tuple[SourceUse, ...]) -> SourcesEnvelope:
    return {
        **_head("sources"),
        "sources": [
            {
                "number": u.number,
                "id": u.source.id,
                "label": u.source.label,
                "kind": u.source.kind,
                "citation": u.source.citation,
                "summary": u.source.summary,
                "supports": list(u.supports),
            }
            for u in uses
        ],
    }


def _stance_muscle(s: Shift) -> StanceMuscleDict:
    return {
        **muscle_dict(s.muscle),
        "emphasis": s.emphasis,
        "evidence": s.evidence,
        "baseline_emphasis": s.baseline,
        "change": s.change,
    }


def stance(report: StanceReport) -> StanceEnvelope:
    return {
        **_head("stance"),
        "stance": _stance(report.stance.as_dict()),
        "summary": report.summary,
        "muscles": [_stance_muscle(s) for s in report.shifts],
        "explanations": [
            {
                "dimension": ch.dimension,
                "value": ch.value,
                "label": ch.label,
                "mechanism": ch.mechanism,
                "caution": ch.caution,
                "effects": [_effect(e) for e in ch.effects],
            }
            for ch in report.choices
        ],
    }


def _recommendation(r: Recommendation) -> RecommendationDict:
    return {
        "rank": r.rank,
        "stance": _stance(r.stance.as_dict()),
        "label": r.label,
        "change": r.change,
        "score": r.score,
        "evidence": r.evidence,
        "also_changes": [{"id": s.muscle.id, "change": s.change, "evidence": s.evidence} for s in r.also],
        "cautions": list(r.cautions),
    }


def target(report: TargetReport, guessed_from: str | None) -> TargetEnvelope:
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
        "note": report.note,
        "recommendations": [_recommendation(r) for r in report.recommendations],
    }


def body_map(catalog: Catalog, report: StanceReport) -> MapEnvelope:
    return {
        **_head("map"),
        "stance": _stance(report.stance.as_dict()),
        "views": [
            {
                "id": v.id,
                "title": v.title,
                "regions": [
                    {
                        "key": key,
                        "muscle": mid,
                        "emphasis": report.shift(mid).emphasis,
                        "change": report.shift(mid).change,
                    }
                    for key, mid in v.regions.items()
                ],
            }
            for v in catalog.views
        ],
    }


def dumps(payload: object) -> str:
    """JSON text for stdout; ASCII escapes only when the output encoding cannot carry UTF-8."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    return json.dumps(payload, indent=2, ensure_ascii=not encoding.startswith("utf")) + "\n"


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


def schema(command: str | None) -> dict[str, object]:
    """The JSON Schema of one command's envelope, or of all of them."""
    from pydantic import TypeAdapter

    from legpress_cli.contract import ENVELOPES

    def one(name: str) -> dict[str, object]:
        generated: dict[str, object] = TypeAdapter(ENVELOPES[name]).json_schema()
        _closed(generated)
        return {"$schema": "https://json-schema.org/draft/2020-12/schema", **generated}

    if command is not None:
        return one(command)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "legpress JSON output",
        "schema_version": SCHEMA_VERSION,
        "commands": {name: one(name) for name in ENVELOPES},
    }
