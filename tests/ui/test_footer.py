"""9.7: the footer shows the keys a chair needs most, at every width."""

from __future__ import annotations

import pytest

from pitchroom.ui.app import PitchroomApp


def _footer(app: PitchroomApp) -> str:
    strips = app.screen._compositor.render_strips()
    return strips[-1].text


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((80, 24), ["f1", "^z", "space", "t", "l", "n", "k", "v", "e"]),
        ((120, 40), ["f1", "^z", "space", "t", "l", "n", "k", "v", "e", "c", "r", "a", "d"]),
    ],
)
async def test_most_used_keys_show(app: PitchroomApp, size, keys) -> None:
    async with app.run_test(size=size) as pilot:
        for _ in range(50):  # the footer fills in once the screen's bindings are set
            await pilot.pause(0.05)
            if keys[-1] in _footer(app).split():
                break
        shown = _footer(app).split()
        for key in keys:
            assert key in shown, (key, _footer(app))
        # in order of need: undo before close before next before ranking
        assert shown.index("^z") < shown.index("l") < shown.index("n") < shown.index("k")
