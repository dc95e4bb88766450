"""Juror stations in the browser (``pitchroom serve``), with private per-juror links."""

from pitchroom.serve.server import StationServer

__all__ = ["StationServer"]
