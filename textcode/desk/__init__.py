"""The agent's desk: every review and workshop operation once, for every front end.

- :mod:`textcode.desk.desk`: :class:`Desk`, the operations over a review session, and
  :meth:`Desk.call` to run one by name with JSON arguments;
- :mod:`textcode.desk.contract`: each tool's argument and reply schemas, structured errors;
- :mod:`textcode.desk.reviewing` and :mod:`textcode.desk.workshop`: the operations;
- :mod:`textcode.desk.mcp`: the MCP server, a thin adapter (``textcode mcp``).

Decisions go through :meth:`ReviewSession.decide <textcode.review.session.ReviewSession.decide>`,
the transaction the command line and the Python API share.
"""

from __future__ import annotations

from textcode.public import lazy_names

_PUBLIC: dict[str, str] = {
    "Desk": "textcode.desk.desk",
    "Tool": "textcode.desk.contract",
    "error_payload": "textcode.desk.contract",
    "build_server": "textcode.desk.mcp",
    "serve": "textcode.desk.mcp",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
