"""The chair's first ranking, started before Textual is imported.

At the stress size the ranking panel's first report is a whole read of the scores
(one SQLite query, which runs without Python's lock) and the engine's arrays; the
first frame shows it ("funded"). :func:`pitchroom.ui.run_chair` starts it here, in
a thread, right after the database is opened, so it runs while the main thread
imports Textual and the screens and builds the first frame; the chair screen's
ranking worker then finds it done (or waits for it) instead of starting it only
once the screen is mounted. Importing this module does not import Textual.
"""

from __future__ import annotations

import threading
from pathlib import Path

from pitchroom.store.ranking import LiveFeed


class FirstRanking:
    """A :class:`LiveFeed` on ``path`` whose first ranking is computed in a thread."""

    def __init__(self, path: Path) -> None:
        self.feed = LiveFeed(Path(path))
        self._thread = threading.Thread(target=self._run, name="first-ranking", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.feed.ranking()
        except Exception:  # the screen's worker computes it again and says why
            return

    def wait(self) -> None:
        """Return once the first ranking is done (at once, after the first time)."""
        self._thread.join()

    def close(self) -> None:
        """For a chair that does not start after all: wait, then close the feed."""
        self.wait()
        self.feed.close()
