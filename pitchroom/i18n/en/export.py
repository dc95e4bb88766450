"""English messages for the export part (keys start with ``export.``)."""

MESSAGES: dict[str, str] = {
}
