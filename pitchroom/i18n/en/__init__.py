"""The English catalogue, one module per part of the program.

Each part's module defines ``MESSAGES``; keys are prefixed by the part
(``session.``, ``store.``, ``cli.``, ``ui.``, ``consensus.``, ``export.``) so
they never collide. A Dutch catalogue mirrors this package.
"""

from pitchroom.i18n.en import cli, consensus, export, session, station, store, ui

MESSAGES: dict[str, str] = {}
for _part in (session, store, cli, ui, station, consensus, export):
    _clash = MESSAGES.keys() & _part.MESSAGES.keys()
    if _clash:  # pragma: no cover - caught by the test suite at import
        raise RuntimeError(f"duplicate message keys: {sorted(_clash)}")
    MESSAGES.update(_part.MESSAGES)
