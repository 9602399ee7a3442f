"""Shopify's Admin API token: a static one, or a Dev Dashboard app's client-credentials grant,
renewed before it expires (see assistant/orders/shopify.py for the protocol)."""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from assistant.errors import ConfigError, OrderSourceError

# A token is renewed this long before Shopify's expiry: a lookup sent in its last seconds would
# be refused on arrival, and the token request itself may take up to the 5 s limit.
RENEW_BEFORE = 300.0


@dataclass(frozen=True)
class AppCredentials:
    """A Dev Dashboard app's Client ID and secret (the app's Settings page)."""

    client_id: str
    client_secret: str = field(repr=False)  # a repr in a log line or a traceback must not show it


class AccessTokens(Protocol):
    """Where a lookup's access token comes from."""

    # What a store owner checks when Shopify refuses the token.
    refused_hint: str

    def current(self) -> str: ...

    def renewed(self, refused: str) -> str | None:
        """A token to try instead of ``refused``, or None when there is no other."""
        ...


class StaticToken:
    """`TRIAGE_SHOPIFY_TOKEN`, used as given: nothing can renew it."""

    refused_hint = (
        "check TRIAGE_SHOPIFY_TOKEN is the Admin API access token of a custom app installed on this shop with the "
        "read_orders scope (a Dev Dashboard app's token expires after 24 hours: set TRIAGE_SHOPIFY_CLIENT_ID and "
        "TRIAGE_SHOPIFY_CLIENT_SECRET instead, and the assistant renews it)"
    )

    def __init__(self, token: str) -> None:
        self._token = token

    def current(self) -> str:
        return self._token

    def renewed(self, refused: str) -> None:
        return None


@dataclass(frozen=True)
class _Token:
    value: str = field(repr=False)
    expires_at: float  # on the grant's clock; inf when Shopify gave no lifetime


class ClientCredentialsGrant:
    """A Dev Dashboard app's tokens, from the client credentials grant, in memory only.

    Lookups run on threads: one lock makes the first of them ask Shopify for a token while the
    others wait for it, instead of each asking.
    """

    refused_hint = (
        "check the Dev Dashboard app of TRIAGE_SHOPIFY_CLIENT_ID is installed on this shop and its active version "
        "has the read_orders scope"
    )

    def __init__(
        self, shop: str, credentials: AppCredentials, client: httpx.Client, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.shop = shop
        self.url = f"https://{shop}/admin/oauth/access_token"
        self._credentials = credentials
        self._client = client
        self._clock = clock
        self._lock = threading.Lock()
        self._token: _Token | None = None

    def current(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._token.expires_at - RENEW_BEFORE:
                self._token = self._grant()
            return self._token.value

    def renewed(self, refused: str) -> str:
        """A new token after Shopify refused ``refused``; the one already renewed when another
        lookup was refused the same token first."""
        with self._lock:
            if self._token is None or self._token.value == refused:
                self._token = self._grant()
            return self._token.value

    def _grant(self) -> _Token:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
        }
        asked_at = self._clock()  # the lifetime counts from Shopify's answer, which is after this
        try:
            response = self._client.post(self.url, data=form, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise OrderSourceError(f"Shopify ({self.shop}) did not answer the access token request: {type(exc).__name__}") from exc
        if response.status_code == 429:
            raise throttled(self.shop)
        if 400 <= response.status_code < 500:
            raise self._refused(response)
        if response.status_code != 200:
            raise OrderSourceError(f"Shopify ({self.shop}) answered the access token request with {response.status_code}")
        return _token_of(self.shop, response, asked_at)

    def _refused(self, response: httpx.Response) -> OrderSourceError:
        code = _oauth_error(response)
        return OrderSourceError(
            f"Shopify ({self.shop}) refused the app's client credentials ({response.status_code}{' ' + code if code else ''}): "
            "check TRIAGE_SHOPIFY_CLIENT_ID and TRIAGE_SHOPIFY_CLIENT_SECRET are the Client ID and secret on the app's "
            "Settings page in the Dev Dashboard, and that the app is installed on this shop (the client credentials "
            "grant works only for your own organization's app on a shop it owns)"
        )


def _token_of(shop: str, response: httpx.Response, asked_at: float) -> _Token:
    try:
        answer = response.json()
    except ValueError:
        answer = None
    value = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(value, str) or not value:
        raise OrderSourceError(f"Shopify ({shop}) answered the access token request without an access_token")
    lifetime = answer.get("expires_in")
    # Without a lifetime the token is kept until Shopify refuses it: the 401 renews it then.
    seconds = float(lifetime) if isinstance(lifetime, (int, float)) and lifetime > 0 else math.inf
    return _Token(value, asked_at + seconds)


def _oauth_error(response: httpx.Response) -> str:
    """The OAuth error code ("invalid_client", "shop_not_permitted"), or "": only a code, never
    the free text of the answer, goes into a message."""
    try:
        code = response.json().get("error")
    except (ValueError, AttributeError):
        return ""
    return code if isinstance(code, str) and re.fullmatch(r"[a-z_]{1,40}", code) else ""


def auth_from(settings, spec: str) -> str | AppCredentials:
    """`TRIAGE_SHOPIFY_TOKEN`, or the Dev Dashboard app's client id and secret: exactly one of them."""
    token = _given(settings.shopify_token)
    client_id = (settings.shopify_client_id or "").strip()
    secret = _given(settings.shopify_client_secret)
    if token and (client_id or secret):
        raise ConfigError(
            f"TRIAGE_ORDERS={spec} takes TRIAGE_SHOPIFY_TOKEN or TRIAGE_SHOPIFY_CLIENT_ID and TRIAGE_SHOPIFY_CLIENT_SECRET, "
            "not both: unset TRIAGE_SHOPIFY_TOKEN for a Dev Dashboard app"
        )
    if token:
        return token
    if client_id and secret:
        return AppCredentials(client_id, secret)
    if client_id or secret:
        missing = "TRIAGE_SHOPIFY_CLIENT_SECRET" if client_id else "TRIAGE_SHOPIFY_CLIENT_ID"
        raise ConfigError(
            f"TRIAGE_ORDERS={spec} needs {missing} too: the app's Settings page in the Shopify Dev Dashboard shows "
            "its Client ID and secret"
        )
    raise ConfigError(
        f"TRIAGE_ORDERS={spec} needs TRIAGE_SHOPIFY_CLIENT_ID and TRIAGE_SHOPIFY_CLIENT_SECRET (a Dev Dashboard app: "
        "its Settings page shows both) or TRIAGE_SHOPIFY_TOKEN (an app created in the Shopify admin before 2026)"
    )


def _given(secret) -> str:
    return secret.get_secret_value().strip() if secret is not None else ""


def throttled(shop: str) -> OrderSourceError:
    return OrderSourceError(f"Shopify ({shop}) is throttling this app's API calls: try again in a few seconds")
