"""What ``pitchroom ranking`` computes and prints, without click.

The command (:mod:`pitchroom.cli.report_cmds`) and the launcher's plain ``ranking``
(:mod:`pitchroom.cli.launch`) both run :func:`ranking_printer`, so the two give the
same bytes; they differ only in when the score read starts (see :func:`early_read`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pitchroom.store import Store
    from pitchroom.store.blocksql import EarlyRead


def early_read(store: Store) -> EarlyRead | None:
    """The score read's selects started in a thread, for the opened ``store`` (see
    :mod:`pitchroom.store.blocksql`): SQLite scans while the engine is imported."""
    from pitchroom.store.blocksql import EarlyRead, scale_grades

    try:
        scale = store.session.session.scale
    except Exception:  # an unreadable definition: the read says so, as before
        return None
    grades = scale_grades(scale.min, scale.max, scale.step)
    return EarlyRead(store.path, grades) if grades else None


def ranking_printer(
    store: Store,
    method: str | None,
    *,
    as_json: bool,
    extras: bool,
    early: EarlyRead | None,
    echo: Callable[[str], object],
) -> Callable[[], None]:
    """The ranking of ``store`` computed now; what prints it, with ``echo`` for the
    JSON (it needs nothing of the store: call it once the store is closed)."""
    from pitchroom.store.ranking import compute, ranking_report

    if as_json:
        report = ranking_report(store, method, extras=extras, split=True, early=early)
        from pitchroom.jsontext import dumps

        text = dumps(report)  # json.dumps(..., ensure_ascii=False, indent=2)

        def show_json() -> None:
            echo(text)

        return show_json
    result = compute(store, method, extras=extras, split=True, early=early)
    protocol = store.protocol()
    info = store.session.session
    pots = {p.key: p.name or p.key for p in store.session.pots}

    def show() -> None:
        from pitchroom.cli.report_text import show_ranking

        show_ranking(result, protocol, info, pots)

    return show
