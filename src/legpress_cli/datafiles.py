"""The data files as a whole: one model per file, so an error names the file it came from,
and the checks of every reference between files. Imported only when data is validated; a
catalog read back from the cache never needs it.
"""

from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import Field

from legpress_cli.model import Catalog, Choice, Cue, Frozen, Group, Muscle, NotTrained, Source, View
from legpress_cli.names import normalize


class MusclesFile(Frozen):
    group: Annotated[tuple[Group, ...], Field(min_length=1)]
    muscle: Annotated[tuple[Muscle, ...], Field(min_length=1)]
    not_trained: tuple[NotTrained, ...] = ()


class CuesFile(Frozen):
    cue: Annotated[tuple[Cue, ...], Field(min_length=1)]


class StancesFile(Frozen):
    choice: tuple[Choice, ...]


class SourcesFile(Frozen):
    source: Annotated[tuple[Source, ...], Field(min_length=1)]


class BodyMapFile(Frozen):
    view: Annotated[tuple[View, ...], Field(min_length=1)]


class ReferenceProblem(Exception):
    """A reference between data files that does not resolve; names the file and field."""

    def __init__(self, file: str, path: str, message: str) -> None:
        super().__init__(f"{file}: {path}: {message}")
        self.file, self.path, self.message = file, path, message


def _duplicates(ids: Iterable[str]) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for n, item in enumerate(ids):
        if item in seen:
            yield n, item
        seen.add(item)


def link_catalog(
    muscles: MusclesFile,
    cues: CuesFile,
    stances: StancesFile,
    sources: SourcesFile,
    bodymap: BodyMapFile,
) -> Catalog:
    """Check every reference between the files; raise ReferenceProblem on the first bad one."""
    checks: list[tuple[str, str, Iterable[str]]] = [
        ("muscles.toml", "group", (g.id for g in muscles.group)),
        ("muscles.toml", "muscle", (m.id for m in muscles.muscle)),
        ("cues.toml", "cue", (c.id for c in cues.cue)),
        ("sources.toml", "source", (s.id for s in sources.source)),
        ("bodymap.toml", "view", (v.id for v in bodymap.view)),
        ("stances.toml", "choice", (f"{c.dimension}={c.value}" for c in stances.choice)),
    ]
    for file, field, ids in checks:
        for n, dup in _duplicates(ids):
            raise ReferenceProblem(file, f"{field}[{n}]", f"duplicate id {dup!r}")

    source_ids = {s.id for s in sources.source}
    group_ids = {g.id for g in muscles.group}
    muscle_ids = {m.id for m in muscles.muscle}

    def need_sources(file: str, path: str, refs: Iterable[str]) -> None:
        for k, ref in enumerate(refs):
            if ref not in source_ids:
                raise ReferenceProblem(file, f"{path}.sources[{k}]", f"unknown source {ref!r}")

    names: dict[str, str] = {}
    for n, g in enumerate(muscles.group):
        _claim_names(names, g.id, (g.id, g.name, *g.aliases), f"group[{n}]")
    for n, m in enumerate(muscles.muscle):
        path = f"muscle[{n}]"
        if m.group not in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.group", f"unknown group {m.group!r}")
        if m.id in group_ids:
            raise ReferenceProblem("muscles.toml", f"{path}.id", f"{m.id!r} is already a group id")
        need_sources("muscles.toml", path, m.sources)
        for k, pos in enumerate(m.roles):
            need_sources("muscles.toml", f"{path}.roles[{k}]", pos.sources)
        _claim_names(names, m.id, (m.id, m.name, *m.aliases), path)
    for n, c in enumerate(cues.cue):
        need_sources("cues.toml", f"cue[{n}]", c.sources)
    for n, ch in enumerate(stances.choice):
        for k, eff in enumerate(ch.effects):
            path = f"choice[{n}].effects[{k}]"
            need_sources("stances.toml", path, eff.sources)
            for t, target in enumerate(eff.targets):
                if target not in muscle_ids and target not in group_ids:
                    raise ReferenceProblem(
                        "stances.toml",
                        f"{path}.targets[{t}]",
                        f"unknown muscle or group {target!r}",
                    )
    for n, v in enumerate(bodymap.view):
        for key, ref in v.regions.items():
            if ref not in muscle_ids:
                raise ReferenceProblem("bodymap.toml", f"view[{n}].regions.{key}", f"unknown muscle {ref!r}")
    return Catalog(
        groups=muscles.group,
        muscles=muscles.muscle,
        not_trained=muscles.not_trained,
        cues=cues.cue,
        choices=stances.choice,
        sources=sources.source,
        views=bodymap.view,
    )


def _claim_names(names: dict[str, str], owner: str, spellings: Iterable[str], path: str) -> None:
    for spelling in spellings:
        key = normalize(spelling)
        if names.setdefault(key, owner) != owner:
            raise ReferenceProblem("muscles.toml", path, f"name {spelling!r} is already used by {names[key]!r}")
