"""English messages for the cli part (keys start with ``cli.``)."""

MESSAGES: dict[str, str] = {
}
