"""Start-up: commands are imported when they run, and ``--help`` still lists them all."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner

from pitchroom.cli import language
from pitchroom.cli.main import COMMANDS, main
from pitchroom.store import Store
from tests.conftest import small_session

# What a command module pulls in that ``--help`` (and the group itself) must not.
HEAVY = ("pitchroom.store", "sqlite_utils", "pydantic", "numpy", "babel.messages")


def _fresh(code: str) -> dict[str, object]:
    """Run ``code`` (which sets ``out``) in a new interpreter; ``out`` and the modules."""
    program = (
        "import json, sys\n"
        f"{code}\n"
        "print(json.dumps({'out': out, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_table_names_every_command_with_its_module_and_help() -> None:
    by_module: dict[str, set[str]] = defaultdict(set)
    for name, (module, _key) in COMMANDS.items():
        by_module[module].add(name)
    for module, names in by_module.items():
        commands = importlib.import_module(f"pitchroom.cli.{module}").COMMANDS
        assert {c.name for c in commands} == names, module
    for name, (_module, key) in COMMANDS.items():
        # the key its help was written with (the text itself follows --lang)
        assert vars(main.commands[name])[language._KEY]["help"] == key, name


def test_help_imports_no_command_and_lists_every_one() -> None:
    fresh = _fresh(
        "from click.testing import CliRunner\n"
        "from pitchroom.cli.main import main\n"
        "out = CliRunner().invoke(main, ['--lang', 'en', '--help']).output"
    )
    modules = fresh["modules"]
    assert isinstance(modules, list)
    loaded = [m for m in modules if m.split(".")[0] in {"pitchroom", *HEAVY}]
    assert not [m for m in loaded if m.startswith(HEAVY)], loaded
    assert not [m for m in loaded if m.endswith("_cmds")], loaded
    # The same text as with every command imported (their own short help).
    for name in COMMANDS:
        main.commands[name]
    full = CliRunner().invoke(main, ["--lang", "en", "--help"]).output
    assert fresh["out"] == full
    for name in COMMANDS:
        assert f"\n  {name} " in full


def test_a_command_imports_only_its_own_module() -> None:
    fresh = _fresh(
        "from click.testing import CliRunner\n"
        "from pitchroom.cli.main import main\n"
        "out = CliRunner().invoke(main, ['new', '--help']).output"
    )
    modules = fresh["modules"]
    assert isinstance(modules, list)
    assert "pitchroom.cli.session_cmds" in modules
    assert "pitchroom.cli.report_cmds" not in modules
    assert "pitchroom.cli.record_cmds" not in modules
    assert "--lang" in str(fresh["out"])


def test_a_plain_scores_file_is_saved_without_the_session_models(tmp_path: Path) -> None:
    """``score --from`` reads its CSV with the CSV parts alone: the session file's
    loader and its pydantic models are not imported for it."""
    db, scores = tmp_path / "s.db", tmp_path / "scores.csv"
    Store.create(db, small_session(), actor="test").close()
    scores.write_text("pitch,juror,criterion,value\nleesplank,anna,feasibility,7\n")
    fresh = _fresh(
        "from pitchroom.cli.launch import main\n"
        f"sys.argv = ['pitchroom', 'score', {str(db)!r}, '--from', {str(scores)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        "out = 'done'"
    )
    modules = fresh["modules"]
    assert isinstance(modules, list)
    assert not [m for m in modules if m.split(".")[0] == "pydantic"]
    assert "pitchroom.domain.sessionfile.loader" not in modules
    store = Store.open(db)
    try:
        assert store.score_count() == 1
    finally:
        store.close()
