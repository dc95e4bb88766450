"""The ranking's pre-selection line writes its currency as every other amount does:
"EUR 2,305,000" in English, "€ 2.305.000" in Dutch (it once said "EUR 2.305.000" in
Dutch, beside "€ 525.000" on the pot line above it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchroom import i18n
from pitchroom.domain.sessionfile import load_session
from pitchroom.store import Store
from pitchroom.store.ranking import compute
from pitchroom.ui.widgets.ranking_rows import preselection_line
from tests.conftest import DEMO_NL


@pytest.fixture
def report(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.create(tmp_path / "day.db", load_session(DEMO_NL), actor="t")
    try:
        yield compute(store)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "(EUR 2,305,000, funded first)"), ("nl", "(€ 2.305.000, eerst gefinancierd)")],
)
def test_the_currency_as_the_language_writes_it(report, language: str, written: str) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language(language)
    try:
        line = preselection_line(report, "EUR")
    finally:
        i18n.set_language("en")
    assert line is not None
    assert written in line.plain


def test_the_ranking_command_writes_it_the_same_way(tmp_path: Path) -> None:
    """``pitchroom ranking`` (text) on the Dutch demo: the pot line and the pre-selection
    line both with the euro sign."""
    from click.testing import CliRunner

    from pitchroom.cli.main import main

    db = tmp_path / "dag.db"
    Store.create(db, load_session(DEMO_NL), actor="t").close()
    result = CliRunner().invoke(main, ["ranking", str(db), "--no-extras"])
    i18n.set_language("en")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Voorselectie: 11 toegekend (€ 2.305.000, eerst gefinancierd)" in text
    assert "EUR 2.305.000" not in text
