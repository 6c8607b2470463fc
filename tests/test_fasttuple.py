"""fasttuple.NamedTuple makes the same classes as typing.NamedTuple, minus the annotation checks."""

from __future__ import annotations

import copy
import pickle
import typing
from typing import Any

import pytest

from legpress_cli import advisor, fasttuple, records, vocab


def _pair() -> tuple[Any, Any]:
    """One record declared twice, with a docstring, defaults, a property, a method and a
    classmethod: once with typing's NamedTuple and once with fasttuple's."""
    made = []
    for base in (typing.NamedTuple, fasttuple.NamedTuple):

        class Point(base):  # type: ignore[valid-type,misc]
            """A point."""

            x: int
            y: int = 0
            tags: tuple[str, ...] = ()

            @property
            def norm(self) -> int:
                return abs(self.x) + abs(self.y)

            def moved(self, dx: int) -> Any:
                return self._replace(x=self.x + dx)

            @classmethod
            def origin(cls) -> Any:
                return cls(0)

        made.append(Point)
    return made[0], made[1]


def test_the_class_is_what_typing_makes() -> None:
    theirs, mine = _pair()
    assert mine.__mro__[1:] == theirs.__mro__[1:] == (tuple, object)
    for attribute in ("_fields", "_field_defaults", "__doc__", "__match_args__", "__name__"):
        assert getattr(mine, attribute) == getattr(theirs, attribute), attribute
    # The one difference: annotations are kept as written, where typing checks each one (and
    # makes a postponed one, as here, a ForwardRef).
    assert mine.__annotations__ == {k: v.__forward_arg__ for k, v in theirs.__annotations__.items()}
    assert mine.__annotations__ == {"x": "int", "y": "int", "tags": "tuple[str, ...]"}
    assert mine.__qualname__.endswith("Point") and mine.__module__ == theirs.__module__
    a, b = theirs(3, tags=("t",)), mine(3, tags=("t",))
    assert tuple(a) == tuple(b) == (3, 0, ("t",))
    assert repr(b) == repr(a) == "Point(x=3, y=0, tags=('t',))"
    assert (b.norm, b.moved(2), mine.origin()) == (3, mine(5, 0, ("t",)), mine(0))
    assert b._asdict() == a._asdict() and mine._make([1, 2, ()]) == (1, 2, ())
    assert hash(b) == hash(a) and b == a  # plain tuples underneath, as typing's are
    assert copy.deepcopy(b) == b


def test_records_pickle_and_compare_as_tuples() -> None:
    source = records.Source("s", "S", "study", "Cite.", "Said.")
    assert pickle.loads(pickle.dumps(source)) == source
    assert source._replace(doi="10.1/x").doi == "10.1/x"
    assert sorted([advisor.Stance.of(height="high"), advisor.Stance()]) == sorted(
        [advisor.Stance(), advisor.Stance.of(height="high")]
    )


def test_the_mistakes_typing_refuses_are_refused() -> None:
    with pytest.raises(TypeError, match="Non-default namedtuple field y cannot follow default field x"):

        class Bad(fasttuple.NamedTuple):  # type: ignore[valid-type,misc]
            x: int = 0
            y: int

    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):

        class Clash(fasttuple.NamedTuple):  # type: ignore[valid-type,misc]
            x: int

            def _replace(self) -> None:
                pass


def test_legpress_records_are_made_by_fasttuple() -> None:
    """The start-up saving is real only if the modules use it (see fasttuple.py)."""
    for record in (records.Muscle, records.Source, advisor.Verdict, advisor.Stance, vocab.DimensionSpec):
        assert "__orig_bases__" not in vars(record), record  # typing.NamedTuple would have set it
