"""The desk: one object with every review and workshop operation, for every front end.

>>> from textcode.review import ReviewSession
>>> desk = Desk(ReviewSession("suggesties.jsonl", "beslissingen.jsonl", "claude",
...                           answers=read_answers("antwoorden.jsonl")))   # doctest: +SKIP
>>> desk.next_item(count=5)["items"][0]["polarity"]                         # doctest: +SKIP
'lacking'
>>> desk.decide([{"suggestion_id": "s1f0c4a9e2b7d3a61", "verdict": "accept"}])  # doctest: +SKIP
>>> desk.call("undo", {})      # by name, arguments checked first  # doctest: +SKIP

The MCP server (:mod:`textcode.desk.mcp`) and ``textcode mcp --call`` are thin adapters over
:meth:`Desk.call`; the browser desk is meant to be another.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.desk.contract import Tool, check_arguments, tools
from textcode.desk.replies import MAX_REPLY_BYTES, size
from textcode.desk.reviewing import Reviewing
from textcode.desk.workshop import Workshop
from textcode.errors import InputError

if TYPE_CHECKING:
    from textcode.review.session import ReviewSession


class Desk(Reviewing, Workshop):
    """Review and workshop operations over one :class:`ReviewSession`.

    ``gold``: a gold file for ``agreement(other="gold")``. ``drafts``: the folder
    ``propose_code`` writes drafts into (default: ``<ledger>.drafts`` beside the ledger).
    """

    def __init__(
        self,
        session: ReviewSession,
        *,
        gold: str | os.PathLike[str] | None = None,
        drafts: str | os.PathLike[str] | None = None,
    ) -> None:
        self.session = session
        self.gold = Path(gold) if gold is not None else None
        ledger = session.ledger.path
        self.drafts = Path(drafts) if drafts else ledger.with_name(ledger.name + ".drafts")
        self._tools: dict[str, Tool] | None = None

    def tools(self) -> dict[str, Tool]:
        """The contract: every operation with its argument and reply schemas."""
        if self._tools is None:
            self._tools = {t.name: t for t in tools(self.codes(), self.questions(), self.orders())}
        return self._tools

    def call(self, name: str, arguments: Mapping[str, Any] | None) -> dict[str, Any]:
        """Run the operation ``name`` with JSON ``arguments``, checked against its schema
        first (unknown arguments, types, bounds and allowed values); raises
        :class:`InputError` for anything the caller can fix."""
        tool = self.tools().get(name)
        if tool is None:
            raise InputError(
                f"no tool {name!r}",
                field="name",
                kind="not_found",
                value=name,
                allowed=sorted(self.tools()),
            )
        arguments = dict(arguments or {})
        check_arguments(tool, arguments)
        reply: dict[str, Any] = getattr(self, name)(**arguments)
        if size(reply) > MAX_REPLY_BYTES:  # every operation pages; this would be a bug
            raise RuntimeError(f"{name} made a reply of {size(reply)} bytes")
        return reply
