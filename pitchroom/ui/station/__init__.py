"""Juror stations: ``pitchroom juror`` in a terminal, or in a browser via ``pitchroom serve``."""

from pitchroom.ui.station.app import StationApp, make_station_app

__all__ = ["StationApp", "make_station_app"]
