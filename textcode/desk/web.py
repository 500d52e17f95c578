"""The desk in the browser: a thin adapter from HTTP to :meth:`Desk.call <textcode.desk.Desk.call>`.

``textcode review SUGGESTIONS --ledger L --reviewer NAME --answers INPUT --serve`` starts it
and prints a URL with a random token, as Jupyter does. The page (``static/desk.html`` with its
CSS and a small script, no build step) asks the desk for items and sends decisions as
``POST /api/<tool>`` with the tool's JSON arguments; the reply is the desk's reply, a mistake
the desk's structured error (status 400). Nothing of the review happens here.

Security model:

- the server binds to 127.0.0.1 unless told otherwise, and answers only requests for its own
  host name (no DNS rebinding);
- every request needs the token: in the URL (the first visit, which moves it into a cookie
  for this port, ``HttpOnly`` and ``SameSite=Strict``, and redirects to the URL without it),
  the cookie, or the ``X-Textcode-Token`` header;
- a request that changes anything is a ``POST`` with a JSON body, the token in the
  ``X-Textcode-Token`` header (a cookie alone is not enough, so another site cannot make the
  browser post) and no foreign ``Origin``: a cross-site request is refused (403);
- pages load nothing from elsewhere (a Content-Security-Policy allows this server only), send
  no referrer and are not cached.
"""

from __future__ import annotations

import json
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable, Sequence
from functools import cache
from importlib import resources
from string import Template
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from textcode.desk.contract import error_payload
from textcode.desk.desk import Desk
from textcode.errors import TextcodeError

LOG = logging.getLogger(__name__)
Respond = Callable[[Request], Awaitable[Response]]

DEFAULT_PORT = 8765
TOKEN_HEADER = "x-textcode-token"
MAX_BODY = 64_000  # bytes of one request: the largest arguments (100 verdicts) fit easily
STATIC = {"desk.css": "text/css", "desk.js": "text/javascript", "health.js": "text/javascript"}
PAGES = {"/": ("desk.html", "desk.js"), "/health": ("health.html", "health.js")}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def new_token() -> str:
    """A random token for the URL (as Jupyter's)."""
    return secrets.token_urlsafe(24)


@cache
def _asset(name: str) -> str:
    return resources.files("textcode.desk").joinpath("static", name).read_text("utf-8")


def build_app(
    desk: Desk, *, token: str, port: int, host: str = "127.0.0.1", language: str | None = None
) -> Starlette:
    """The ASGI app of the browser desk for ``desk``, guarded by ``token``."""
    from textcode.lang import get_language
    from textcode.review.queue import ORDERS

    language = language or desk.session.language
    strings = _strings(language)
    cookie = f"textcode-desk-{port}"
    settings = {
        "reviewer": desk.session.reviewer,
        "orders": list(ORDERS),  # every order the queue has: a new one shows up by itself
        "order": desk.session.order,
        "questions": desk.questions(),
        "codes": desk.codes(),
        "labels": desk.session.codebook.labels() if desk.session.codebook else {},
        "language": get_language(language).code,
    }

    async def page(request: Request) -> Response:
        name, script = PAGES[request.url.path]
        html = Template(_asset(name)).substitute(
            lang=settings["language"],
            title=_escape(strings["title"]),
            token=_escape(token),
            script=script,
            data=_script_json({"strings": strings, "settings": settings}),
        )
        return Response(html, media_type="text/html; charset=utf-8")

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found", status_code=404)
        return Response(_asset(name), media_type=f"{STATIC[name]}; charset=utf-8")

    async def api(request: Request) -> Response:
        tool = request.path_params["tool"]
        body = await request.body()
        if len(body) > MAX_BODY:
            return _error(413, "too_long", f"at most {MAX_BODY} bytes of arguments")
        try:
            arguments = json.loads(body or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return _error(400, "invalid", f"the body is no JSON ({exc})")
        if not isinstance(arguments, dict):
            return _error(400, "invalid_type", "the arguments are a JSON object")
        try:
            # One call at a time: this runs on the event loop, as the MCP server's calls do.
            reply = desk.call(tool, arguments)
        except TextcodeError as exc:
            return JSONResponse(error_payload(exc), status_code=400)
        except Exception as exc:  # a bug of ours: a structured error, the log the rest
            LOG.exception("tool %s failed", tool)
            return JSONResponse(error_payload(exc), status_code=500)
        return JSONResponse(reply)

    async def guard(request: Request, call_next: Respond) -> Response:
        refused = _refused(request, token, cookie)
        if refused is not None:
            return _secured(PlainTextResponse(refused, status_code=403))
        if request.method == "GET" and "token" in request.query_params:
            # The token moves from the URL (history, screen) into a cookie for this port.
            response: Response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(cookie, token, httponly=True, samesite="strict", path="/")
            return _secured(response)
        return _secured(await call_next(request))

    hosts: Sequence[str] = ["*"] if host not in LOOPBACK else ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/health", page, methods=["GET"]),
            Route("/static/{name}", static, methods=["GET"]),
            Route("/favicon.ico", no_icon, methods=["GET"]),
            Route("/api/{tool}", api, methods=["POST"]),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(BaseHTTPMiddleware, dispatch=guard),
        ],
    )


def _refused(request: Request, token: str, cookie: str) -> str | None:
    """Why the request is refused, or None: no token, or a state-changing request that
    might come from another site."""
    given = (
        request.query_params.get("token")
        or request.headers.get(TOKEN_HEADER)
        or request.cookies.get(cookie)
        or ""
    )
    if not secrets.compare_digest(given.encode(), token.encode()):
        return "refused: open the URL with the token that `textcode review --serve` printed"
    if request.method in ("GET", "HEAD"):
        return None
    header = request.headers.get(TOKEN_HEADER, "")
    if not secrets.compare_digest(header.encode(), token.encode()):
        return "refused: a change needs the token in the X-Textcode-Token header"
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host')}":
        return "refused: a request from another site"
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return "refused: a request from another site"
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return "refused: a change is sent as application/json"
    return None


def _secured(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


def _error(status: int, code: str, message: str) -> JSONResponse:
    payload = {"code": code, "field": None, "value": None, "allowed": None, "message": message}
    return JSONResponse({"error": payload}, status_code=status)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _script_json(value: object) -> str:
    """JSON to place inside a ``<script type="application/json">`` element (no ``</script>``
    can close it early: ``<``, ``>`` and ``&`` are written as escapes)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _strings(language: str) -> dict[str, str]:
    from textcode.lang import get_language

    module = get_language(language).part("desk") or get_language("en").desk
    strings: dict[str, str] = module.STRINGS
    return strings


def url_of(host: str, port: int, token: str) -> str:
    """The URL to open (the token in it, as Jupyter prints it)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={quote(token)}"


def serve(
    desk: Desk,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    token: str | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the desk until interrupted; ``announce`` gets the URL once the port is bound
    (``port=0``: a free port)."""
    import uvicorn

    token = token or new_token()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Replies go out at once (accepted connections inherit it): without it a kept-alive
    # connection waits 40 ms for each reply written in two parts (Nagle and delayed ACKs).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        from textcode.errors import UsageError

        raise UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}): choose another --port"
        ) from None
    # Listening before the URL is printed: a browser that opens it at once waits in the
    # backlog instead of being refused while uvicorn starts (asyncio listens again, harmlessly).
    sock.listen(128)
    bound = sock.getsockname()[1]
    app = build_app(desk, token=token, port=bound, host=host)
    # The first item loads what showing an answer needs (the redaction's language pipeline):
    # done before the URL is printed, so the first page is as quick as the others.
    desk.next_item()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    announce(url_of(host, bound, token))
    server.run(sockets=[sock])
