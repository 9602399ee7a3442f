"""A small copy of the sample KB, and the change an editor makes to it: a new page, a page gone."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.utils.paths import KB

SMALL_KB = ("warranty.md", "account.md", "contact.txt")  # too few headings to calibrate: quick to ingest

# A topic the sample KB says nothing about.
RENTAL_QUESTION = "Can I rent touring skis from you?"
RENTAL_PAGE = "rentals.md"
RENTAL = """---
title: Renting touring skis
category: rental
lang: en
---

# Renting touring skis

Northpeak Outfitters rents out touring skis, skins and avalanche kits for your trips.

## How to rent touring skis

You can rent touring skis from the Innsbruck pickup point for 25 EUR per day. Book the ski rental online at least three days before your trip, and bring your ID when you pick the skis up.
"""  # noqa: E501 (one paragraph of the page, as an editor writes it)

WARRANTY_QUESTION = "How long is the warranty on a tent?"


def small_kb(folder: Path) -> Path:
    """A copy of a few of the sample KB's pages in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SMALL_KB:
        shutil.copy(KB / name, folder / name)
    return folder


def add_rentals(folder: Path) -> None:
    (folder / RENTAL_PAGE).write_text(RENTAL, encoding="utf-8")
