"""A source scan: no widget, notification, key binding or click message is a literal
string; user-facing text goes through the catalogue (``t``, ``tn``, or a key in ``N_``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pitchroom"
WORDS = re.compile(r"[A-Za-z]{2,}")

# Callables whose text arguments are shown to people: (positional indexes, keywords).
WIDGETS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "Static": ((0,), ()),
    "Label": ((0,), ()),
    "Button": ((0,), ("label", "tooltip")),
    "Input": ((0,), ("placeholder", "tooltip")),
    "TextArea": ((), ("placeholder",)),
    "Option": ((0,), ()),
    "Checkbox": ((0,), ()),
    "RadioButton": ((0,), ()),
    "Text": ((0,), ()),
    "Content": ((0,), ()),
    "SystemCommand": ((0, 1), ()),
    "Binding": ((2,), ("description", "tooltip")),
    "notify": ((0,), ("title",)),
    "say": ((0,), ()),
    "echo": ((0,), ()),
    "secho": ((0,), ()),
    "echo_err": ((0,), ()),
    "ClickException": ((0,), ()),
    "UsageError": ((0,), ()),
    "BadParameter": ((0,), ()),
    "option": ((), ("help", "prompt")),
    "command": ((), ("help", "short_help", "epilog")),
    "group": ((), ("help", "short_help", "epilog")),
    "argument": ((), ("help",)),
    "update": ((0,), ()),
    "add_column": ((0,), ()),
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal_words(node: ast.expr) -> str | None:
    """The text of a literal string (or f-string's literal parts) that holds words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if WORDS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
        return text if WORDS.search(text) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_words(node.left) or _literal_words(node.right)
    return None


def offenders(root: Path = PACKAGE) -> list[str]:
    found = []
    for source in sorted(root.rglob("*.py")):
        if "i18n" in source.relative_to(root).parts:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            spec = WIDGETS.get(_name(node.func))
            if spec is None:
                continue
            positions, keywords = spec
            args = [node.args[i] for i in positions if i < len(node.args)]
            args += [k.value for k in node.keywords if k.arg in keywords]
            for arg in args:
                text = _literal_words(arg)
                if text is not None:
                    where = f"{source.relative_to(root)}:{node.lineno}"
                    found.append(f"{where}: {_name(node.func)}({text!r})")
    return found


def test_no_user_facing_literal_bypasses_the_catalogue() -> None:
    assert offenders() == []


def test_the_scan_catches_literals(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(
        'Static("Hello there")\n'
        'self.notify(f"Saved {n} scores")\n'
        'Binding("a", "act", "Do it")\n'
        'click.option("--x", help="Some help")\n'
        'Static(t("ui.ok"))\n'
        'Binding("a", "act", N_("ui.ok"), tooltip=N_("ui.tip_yes"))\n'
        'Text("—")\n',
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[1] for line in offenders(tmp_path)] == [
        "Static('Hello there')",
        "notify('Saved  scores')",
        "Binding('Do it')",
        "option('Some help')",
    ]
