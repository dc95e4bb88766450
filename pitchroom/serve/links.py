"""Private station links: one unguessable token per juror, checked before anything runs.

A token is an HMAC of the juror key under a server secret. The secret is random
for each server run (links change on restart) unless ``PITCHROOM_SERVE_SECRET``
is set, which keeps the links stable across restarts of the same session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
from urllib.parse import urlsplit

SECRET_ENV = "PITCHROOM_SERVE_SECRET"
TOKEN_BYTES = 18
"""144 bits: 24 URL-safe characters."""


def server_secret() -> bytes:
    configured = os.environ.get(SECRET_ENV, "")
    return configured.encode() if configured else secrets.token_bytes(32)


def juror_token(secret: bytes, juror: str) -> str:
    digest = hmac.new(secret, b"pitchroom-station:" + juror.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


class Tokens:
    """Which juror (if any) a token from a request opens; compared in constant time."""

    def __init__(self, secret: bytes, jurors: list[str]) -> None:
        self.by_juror = {juror: juror_token(secret, juror) for juror in jurors}

    def juror_for(self, token: str) -> str | None:
        found = None
        for juror, expected in self.by_juror.items():
            if hmac.compare_digest(expected.encode(), token.encode()):
                found = juror
        return found


def is_unspecified(host: str) -> bool:
    """True for an all-interfaces address (``0.0.0.0``, ``::``, empty)."""
    if host in ("", "*"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def default_public_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
