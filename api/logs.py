"""Structured JSON logs, one line per event, with the request id and personal data masked."""

from __future__ import annotations

import contextvars
import json
import logging
import time

from assistant.understand.entities import mask_for_log

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": request_id.get(),
            "message": mask_for_log(record.getMessage()),
        }
        for key in ("method", "status", "ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if hasattr(record, "path"):  # a path can carry what a client put in it
            entry["path"] = mask_for_log(record.path)
        if record.exc_info:
            entry["error"] = mask_for_log(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("uvicorn.access").disabled = True  # our middleware logs each request instead
