"""English messages for the consensus part (keys start with ``consensus.``)."""

MESSAGES: dict[str, str] = {}
