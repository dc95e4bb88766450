"""English messages for juror stations, the browser server and the projector view
(keys start with ``station.``)."""

MESSAGES: dict[str, str] = {
}
