"""A tiny KB written from strings: four files, seven chunks, two languages."""

from __future__ import annotations

from pathlib import Path

DOCS = {
    "shipping.md": "---\ncategory: shipping\n---\n# Shipping\n\n## Times\n\nEurope takes 2-5 business days.\n\n"
                   "## Tracking\n\nA tracking number is emailed when the parcel ships.\n",
    "returns.md": "# Returns\n\n## Window\n\nReturn within 30 days of delivery.\n\n## Refunds\n\nRefunds reach your card in 5-10 business days.\n",
    "returns.es.md": "# Devoluciones\n\n## Plazo\n\nDevuelva el artículo en un plazo de 30 días.\n",
    "faq.csv": 'question,answer\n"Gift cards?","Valid for 3 years."\n"Student discount?","10% after verification."\n',
}


def write(kb: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = kb / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
