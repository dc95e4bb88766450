"""The chair-screen fixtures (a small session in a real file, a frozen clock)."""

from tests.ui.conftest import app, clock, ui_db  # noqa: F401 - fixtures
