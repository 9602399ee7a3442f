"""Talking to the API as the widget, the store and the inbox do: the agent's key, signed context, a conversation."""

from __future__ import annotations

import hashlib
import hmac
import json

AGENT = {"Authorization": "Bearer demo-agent-key"}


def sign(context: dict, secret: str = "demo-store-secret") -> str:
    canonical = json.dumps(context, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(secret.encode(), canonical, hashlib.sha256).hexdigest()


def start(client, **body) -> tuple[str, dict]:
    """A new conversation: its id and the customer's auth header."""
    created = client.post("/v1/conversations", json=body)
    assert created.status_code == 201, created.text
    data = created.json()
    return data["id"], {"Authorization": f"Bearer {data['token']}"}


def say(client, conversation_id: str, headers: dict, text: str):
    return client.post(f"/v1/conversations/{conversation_id}/messages", json={"text": text}, headers=headers)
