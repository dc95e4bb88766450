"""The projector view (``pitchroom screen``)."""

from pitchroom.ui.projector.app import ProjectorApp, make_projector_app

__all__ = ["ProjectorApp", "make_projector_app"]
