"""English messages for the ui part (keys start with ``ui.``)."""

MESSAGES: dict[str, str] = {
}
