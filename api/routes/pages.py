"""The pages the service serves itself: the widget script, the demo store and the agent inbox."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)

# Our own scripts and styles only, calls to this origin, never framed (an inbox in a hidden frame
# could be clicked through). The demo's widget adds a <style> to its shadow root, hence inline styles.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {"Content-Security-Policy": _CSP, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer"}  # fmt: skip


@router.get("/widget.js")
def widget() -> FileResponse:
    # No framing or resource-policy headers: the store's own pages load this script from here.
    headers = {"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"}
    return FileResponse(STATIC / "widget.js", media_type="text/javascript", headers=headers)


@router.get("/demo")
def demo() -> FileResponse:
    return FileResponse(STATIC / "demo.html", media_type="text/html", headers=PAGE_HEADERS)


@router.get("/agent")
def agent() -> FileResponse:
    return FileResponse(STATIC / "agent.html", media_type="text/html", headers=PAGE_HEADERS)


class Assets(StaticFiles):
    """/static, with the pages' headers: agent.html and demo.html are reachable here too."""

    async def get_response(self, path: str, scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(PAGE_HEADERS)
        return response
