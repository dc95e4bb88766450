"""English messages for the session part (keys start with ``session.``)."""

MESSAGES: dict[str, str] = {
}
