"""The write path: change a data directory's YAML files, keeping every comment and line.

Each function validates the whole resulting dataset through the loader before
writing anything, writes the changed files all or none, and returns an
:class:`EditResult` listing what changed (``.to_dict()`` for JSON). On a
problem it raises :class:`actorgraph.DataError` (the data would not validate)
or :class:`EditError` (the change cannot be made as asked), and every file
stays byte-identical. Entries not touched keep their bytes: comments, blank
lines, key order and quoting (see :mod:`actorgraph.edit._text`).

    from actorgraph import edit
    edit.add_actor("data", "wagner", name="Wagner Group", kind="armed_group")
    edit.add_relation("data", "Russia", "funds", "Wagner", evidence="insider-2024",
                      quote="...", since="2014")
    edit.rename_actor("data", "wagner", "wagner-group")   # 'wagner' still resolves

Nothing on the read path (loader, graph, query, analysis, export) imports this package.
"""

from ._session import Change, EditResult
from ._text import EditError
from .actors import merge_actors, rename_actor
from .add import add_actor, add_relation, add_source, end_relation
from .fmt import format_data
from .init import init_data
from .tables import import_table

__all__ = [
    "Change",
    "EditError",
    "EditResult",
    "add_actor",
    "add_relation",
    "add_source",
    "end_relation",
    "format_data",
    "import_table",
    "init_data",
    "merge_actors",
    "rename_actor",
]
