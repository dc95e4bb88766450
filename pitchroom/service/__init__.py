"""Services: what a person does, over the store, without any interface (no Textual).

Screens bind keys to these and render what they return; tests drive them alone.
"""

from pitchroom.service.chair import ChairService

__all__ = ["ChairService"]
