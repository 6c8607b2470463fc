"""typing.NamedTuple's class syntax, built without typing's checks of each field's annotation.

typing.NamedTuple type-checks every annotation when a class is made, compiling each one that is
a string (postponed annotations) into a ForwardRef; legpress makes some sixty record classes at
every start, and those checks were about a third of their cost. This builds the same class
(collections.namedtuple, then the class body's methods, docstring and annotations, as typing
does) and nothing else. Modules import it under the name NamedTuple outside type checking, so
mypy still sees typing.NamedTuple; tests/test_records.py checks the classes behave alike.
"""

from collections import namedtuple
from typing import Any

# As typing: what a class body may not define, and what it does not copy onto the class.
_PROHIBITED = frozenset(
    {
        "__new__",
        "__init__",
        "__slots__",
        "__getnewargs__",
        "_fields",
        "_field_defaults",
        "_make",
        "_replace",
        "_asdict",
        "_source",
    }
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
# Called through Any: mypy knows namedtuple() only with literal names, and it checks the records
# as typing.NamedTuple classes anyway.
_make_tuple_class: Any = namedtuple


class _NamedTupleMeta(type):
    def __new__(cls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (NamedTuple,):
            raise TypeError("can only inherit from NamedTuple")
        types = ns.get("__annotations__", {})
        default_names = []
        for name in types:
            if name in ns:
                default_names.append(name)
            elif default_names:
                raise TypeError(
                    f"Non-default namedtuple field {name} cannot follow default field"
                    f"{'s' if len(default_names) > 1 else ''} {', '.join(default_names)}"
                )
        record = _make_tuple_class(
            typename, list(types), defaults=[ns[n] for n in default_names], module=ns["__module__"]
        )
        record.__annotations__ = record.__new__.__annotations__ = dict(types)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _SPECIAL and key not in record._fields:
                setattr(record, key, value)
        return record


NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
