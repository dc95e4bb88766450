"""The extras' defaults, apart from the extras so that naming them imports nothing heavy
(the live engine's signature uses them; the chair's first frame never runs the extras)."""

EXACT_BOOTSTRAP_JURORS = 8
DEFAULT_RESAMPLES = 2000
DEFAULT_SEED = 20240612
