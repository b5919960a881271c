"""Analyses of who stands with and against whom: signed ties, balance, tensions, centrality.

Plain functions taking an :class:`~actorgraph.ActorGraph` and a date
(``as_of``; default today), returning plain dataclasses with ``to_dict()``
for JSON; lists of results turn into pandas DataFrames with
:func:`to_dataframe`::

    from actorgraph import load
    from actorgraph.analysis import balance, tensions, to_dataframe

    kg = load("data")
    report = balance(kg, "2024-04")
    report.index, report.exact, report.camps
    to_dataframe(tensions(kg, "2024-04").ambivalent)

Modules: :mod:`.signed` (the signed view, allies, enemies), :mod:`.frustration`
(structural balance and the frustration index on any signed networkx graph),
:mod:`.balance`, :mod:`.tensions`, :mod:`.suggest`, :mod:`.centrality`,
:mod:`.diff`, :mod:`.series` (balance, centrality and a pair's tie over a range
of dates: ``balance_series(kg, "1990:2024")``).
"""

from .balance import BalanceReport, balance
from .centrality import Centrality, Measure, centrality, tie_graph
from .diff import Diff, SignChange, diff
from .frustration import EXACT_LIMIT, BlockResult, Frustration, frustrated_edges, frustration_index
from .series import (
    AlignmentStep,
    BalanceStep,
    CentralityRow,
    Series,
    alignment_series,
    balance_series,
    centrality_series,
)
from .signed import (
    Affiliation,
    Counterpart,
    SignedGraph,
    SignedTie,
    Standing,
    TieSign,
    allies,
    enemies,
    signed_graph,
    standing,
    to_dataframe,
)
from .suggest import Suggestion, Via, suggest
from .tensions import AmbivalentTie, Tensions, UnbalancedTriad, tensions, unbalanced_triads

__all__ = [
    "EXACT_LIMIT",
    "Affiliation",
    "AlignmentStep",
    "AmbivalentTie",
    "BalanceReport",
    "BalanceStep",
    "BlockResult",
    "Centrality",
    "CentralityRow",
    "Counterpart",
    "Diff",
    "Frustration",
    "Measure",
    "Series",
    "SignChange",
    "SignedGraph",
    "SignedTie",
    "Standing",
    "Suggestion",
    "Tensions",
    "TieSign",
    "UnbalancedTriad",
    "Via",
    "alignment_series",
    "allies",
    "balance",
    "balance_series",
    "centrality",
    "centrality_series",
    "diff",
    "enemies",
    "frustrated_edges",
    "frustration_index",
    "signed_graph",
    "standing",
    "suggest",
    "tensions",
    "tie_graph",
    "to_dataframe",
    "unbalanced_triads",
]
