"""Constants kept from the first release."""

from __future__ import annotations

from .formats import SEED_INPUTS

#: Input names holding noise seeds (``utils.randomize_noise_seeds``, ``Workflow.randomize_seeds``).
NOISE_KEYS: list[str] = list(SEED_INPUTS)
