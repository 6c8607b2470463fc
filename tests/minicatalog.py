"""A small catalog made for the engine's tests: three muscles, two groups, and whatever findings
and claims a test gives it. Real data edits never change what these tests expect."""

from __future__ import annotations

from typing import Any

from legpress_cli import datafiles as files
from legpress_cli.records import Catalog

SOURCES = [
    {"id": sid, "label": sid.title(), "kind": kind, "citation": f"{sid} citation.", "summary": f"{sid} summary."}
    for sid, kind in (
        ("study-a", "study"),
        ("study-b", "study"),
        ("review-r", "review"),
        ("article-x", "article"),
    )
]


def _muscle(mid: str, group: str, emphasis: int, short: str) -> dict[str, Any]:
    return {
        "id": mid,
        "name": mid.replace("-", " ").capitalize(),
        "short": short,
        "group": group,
        "location": "Somewhere.",
        "joints": ["knee"],
        "actions": ["knee extension"],
        "in_lift": "Works.",
        "emphasis": emphasis,
        "sources": ["article-x"],
        "roles": [{"role": "primary", "baseline": True, "evidence": "claim", "sources": ["article-x"]}],
    }


def finding(fid: str, a: dict[str, str], b: dict[str, str], results: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "id": fid,
        "source": extra.pop("source", "study-a"),
        "a": a,
        "b": b,
        "machine": "sled",
        "population": "adults",
        "measured": extra.pop("measured", list(results)),
        "results": results,
        **extra,
    }


def claim(cid: str, when: dict[str, str], targets: list[str], direction: str = "more") -> dict[str, Any]:
    return {"id": cid, "source": "article-x", "when": when, "targets": targets, "direction": direction, "text": "Says."}


def mini(
    findings: list[dict[str, Any]] = (),  # type: ignore[assignment]
    claims: list[dict[str, Any]] = (),  # type: ignore[assignment]
    deep: list[str] = (),  # type: ignore[assignment]
) -> Catalog:
    """`deep` names muscles surface EMG cannot reach."""
    muscles = files.MusclesFile.model_validate(
        {
            "group": [
                {"id": "front", "name": "Front", "summary": "Front muscles."},
                {"id": "back", "name": "Back", "summary": "Back muscles.", "target_note": "Back note."},
            ],
            "muscle": [
                {**m, "surface_emg": m["id"] not in deep}
                for m in (
                    _muscle("big-front", "front", 4, "BF"),
                    _muscle("small-front", "front", 3, "SF"),
                    _muscle("back-one", "back", 2, "B1"),
                )
            ],
        }
    )
    return files.link(
        files.Files(
            muscles,
            files.CuesFile.model_validate(
                {
                    "cue": [
                        {
                            "id": "c",
                            "phase": "setup",
                            "cue": "Do it.",
                            "fault": "Not.",
                            "why": "Because.",
                            "evidence": "claim",
                            "sources": ["article-x"],
                        }
                    ]
                }
            ),
            files.StancesFile.model_validate({"choice": []}),
            files.SourcesFile.model_validate({"source": SOURCES}),
            files.BodyMapFile.model_validate(
                {"view": [{"id": "v", "title": "V", "rows": ["bs"], "regions": {"b": "big-front", "s": "small-front"}}]}
            ),
            files.FindingsFile.model_validate({"finding": list(findings)}),
            files.ClaimsFile.model_validate({"claim": list(claims)}),
        )
    )
