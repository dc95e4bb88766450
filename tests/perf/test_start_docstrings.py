"""The dataclasses the chair imports before its first frame have their own docstring.

Without one, ``dataclasses`` builds ``__doc__`` from ``inspect.signature`` of the class
when it is defined (about 0.17 ms a class, about twenty of them before the chair's
first frame). The chair's modules are imported in a fresh interpreter, so that the test
sees what ``pitchroom open`` imports rather than what other tests loaded.
"""

from __future__ import annotations

from tests.fresh import run_script

SCRIPT = """
import dataclasses, json, sys
import pitchroom.ui.app, pitchroom.ui.screens.chair
found = []
for name, module in list(sys.modules.items()):
    if not name.startswith("pitchroom") or module is None:
        continue
    for value in list(vars(module).values()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
            made = (value.__doc__ or "").startswith(value.__name__ + "(")
            found.append([f"{name}.{value.__qualname__}", made])
print(json.dumps(found))
"""


def test_the_chairs_dataclasses_have_docstrings() -> None:
    found = run_script(SCRIPT)
    names = {name for name, _ in found}
    assert "pitchroom.domain.definition.Pitch" in names  # the chair's modules were seen
    assert "pitchroom.domain.consensus.result.Ranking" in names
    assert [name for name, made in found if made] == []
