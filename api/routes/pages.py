"""The pages the service serves itself: the widget script, the demo store and the agent inbox."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/widget.js")
def widget() -> FileResponse:
    return FileResponse(STATIC / "widget.js", media_type="text/javascript", headers={"Cache-Control": "public, max-age=300"})


@router.get("/demo")
def demo() -> FileResponse:
    return FileResponse(STATIC / "demo.html", media_type="text/html")


@router.get("/agent")
def agent() -> FileResponse:
    return FileResponse(STATIC / "agent.html", media_type="text/html")
