"""A file that is refused is left byte for byte as it was; damaged content is
exit 2 naming what is damaged and how to recover, never "unexpected error"."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pitchroom.cli.main import main
from pitchroom.store import Store, StoreError

COMMANDS = [["ranking"], ["verify"], ["log"], ["export", "--format", "json", "-o", "-"]]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("create table notes (text)")
    conn.execute("insert into notes values ('mine')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(_foreign, id="foreign-sqlite"),
        pytest.param(lambda p: p.write_text("title = 'x'\n"), id="text"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), id="torn"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_refused_file_is_left_as_it_was(tmp_path: Path, make, command: list[str]) -> None:
    path = tmp_path / "other.db"
    make(path)
    before = _digest(path)
    code, output = _run([*command, str(path)])
    assert code == 2, output
    assert "unexpected" not in output.lower()
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_foreign_sqlite_file_is_not_switched_to_wal(tmp_path: Path) -> None:
    path = _foreign(tmp_path / "foreign.db")
    with pytest.raises(StoreError):
        Store.open(path)
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file


def test_a_database_from_a_newer_schema_is_refused_naming_both(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "insert into _sqlite_migrations (migration_set, name, applied_at) "
        "values ('pitchroom', '999_from_the_future', 'now')"
    )
    conn.commit()
    conn.close()
    before = _digest(db_path)
    code, output = _run(["ranking", str(db_path)])
    assert code == 2
    from pitchroom.store.migrations import migrations

    known = len(migrations._migrations)
    assert "newer pitchroom" in output
    assert f"version {known + 1};" in output and f"up to version {known})" in output
    assert _digest(db_path) == before


def _damage(db_path: Path, sql: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(sql)
    conn.commit()
    conn.close()


DAMAGE = {
    "session garbage": ("update meta set value = '{\"session\": 1' where key = 'session'", "meta"),
    "session invalid": (
        "update meta set value = '{\"session\": {}}' where key = 'session'",
        "meta",
    ),
    "live row deleted": ("delete from live", "live"),
    "score is text": ("update scores set value = 'seven'", "scores"),
    "score is empty": ("update scores set value = ''", "scores"),
    "score is a blob": ("update scores set value = x'07'", "scores"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", [["ranking"], ["export", "--format", "json", "-o", "-"]])
def test_damaged_content_is_exit_2_naming_it(
    db_path: Path, damage: str, command: list[str]
) -> None:
    with _Closing(Store.open(db_path)) as store:
        store.set_score("leesplank", "anna", "impact", 7, actor="test")
    sql, table = DAMAGE[damage]
    _damage(db_path, sql)
    code, output = _run([*command, str(db_path)])
    assert code == 2, output
    assert "unexpected" not in output.lower()
    assert table in output and "backup" in output


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_the_chair_screen_refuses_damage_before_it_starts(db_path: Path, damage: str) -> None:
    from pitchroom.ui.app import make_app

    with _Closing(Store.open(db_path)) as store:
        store.set_score("leesplank", "anna", "impact", 7, actor="test")
    _damage(db_path, DAMAGE[damage][0])
    with pytest.raises(StoreError) as caught:
        make_app(db_path)
    assert DAMAGE[damage][1] in str(caught.value)


class _Closing:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()
