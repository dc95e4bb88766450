"""pitchroom: run a jury pitch session from the terminal.

The package root imports nothing else, so ``import pitchroom`` stays cheap and
never pulls in the UI (harlequin's rule).
"""

__version__ = "0.1.0"
