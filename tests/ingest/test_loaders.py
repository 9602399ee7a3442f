"""Each format a content editor may drop into kb/, and the broken files they may drop by mistake."""

import json

import pytest

from assistant.errors import DocumentError
from ingest.loaders import load_document
from tests.utils.pdf import make_pdf

MARKDOWN = """---
title: Shipping and delivery
category: shipping
lang: en
tags: [shipping, tracking]
url: https://shop.example/help/shipping
---
# Shipping and delivery

We ship worldwide.

## Delivery times

### Europe

Two to five business days.

```
# not a heading inside a code fence
```

## Tracking

Track at shop.example/track.
"""


def test_markdown_splits_at_headings_and_keeps_the_heading_path():
    doc = load_document(MARKDOWN.encode(), "shipping.md")
    assert doc.title == "Shipping and delivery"
    assert (doc.lang, doc.category, doc.url) == ("en", "shipping", "https://shop.example/help/shipping")
    assert doc.tags == ["shipping", "tracking"]
    assert [s.headings for s in doc.sections] == [(), ("Delivery times", "Europe"), ("Tracking",)]
    assert "# not a heading inside a code fence" in doc.sections[1].text
    assert doc.sections[0].text == "We ship worldwide."


def test_markdown_without_front_matter_takes_its_title_from_the_first_heading():
    doc = load_document("# Garantía\n\nDos años en todo.\n".encode(), "warranty.es.md")
    assert doc.title == "Garantía" and doc.lang is None
    assert doc.sections[0].text == "Dos años en todo."


def test_html_splits_at_headings_and_drops_scripts():
    html = """<!doctype html><html lang="fr"><head><title>Guide des tailles</title>
    <script>var tracking = 1;</script></head><body><h1>Guide des tailles</h1><p>Mesurez-vous.</p>
    <h2>Chaussures</h2><ul><li>Mesurez le soir.</li><li>Laissez un pouce.</li></ul>
    <h2>Sacs</h2><p>Réglez les bretelles.</p></body></html>"""
    doc = load_document(html.encode(), "size-guide.html")
    assert doc.title == "Guide des tailles" and doc.lang == "fr"
    assert [s.headings for s in doc.sections] == [(), ("Chaussures",), ("Sacs",)]
    assert doc.sections[1].text == "- Mesurez le soir.\n- Laissez un pouce."
    assert not any("tracking" in s.text for s in doc.sections)


def test_text_file_title_is_its_first_line():
    doc = load_document(b"Contact us\n\nChat is open 24/7.\nEmail answers within 24 hours.", "contact.txt")
    assert doc.title == "Contact us"
    assert doc.sections[0].text.startswith("Chat is open 24/7.")


def test_pdf_pages_become_sections():
    data = make_pdf([["Warranty terms", "Two years on all products."], ["Repairs from EUR 15."]], title="Warranty")
    doc = load_document(data, "warranty.pdf")
    assert doc.title == "Warranty"
    assert [s.page for s in doc.sections] == [1, 2]
    assert "Two years on all products." in doc.sections[0].text


def test_csv_faq_rows_are_whole_pairs_with_their_own_language():
    data = 'question,answer,lang,category\n"Do you ship to Chile?","Yes, in 8-15 days.",en,shipping\n"¿Hacen envíos a Chile?","Sí, en 8-15 días.",es,shipping\n'
    doc = load_document(data.encode(), "faq.csv")
    assert len(doc.sections) == 2
    first, second = doc.sections
    assert first.whole and first.text == "Do you ship to Chile?\nYes, in 8-15 days."
    assert (second.lang, second.category, second.headings) == ("es", "shipping", ("¿Hacen envíos a Chile?",))


def test_semicolon_csv_is_read_too():
    doc = load_document(b"Question;Answer\nGift cards?;Valid 3 years.\n", "faq.csv")
    assert doc.sections[0].text == "Gift cards?\nValid 3 years."


def test_jsonl_faq():
    rows = [{"question": "Q1?", "answer": "A1.", "lang": "fr"}, {"question": "Q2?", "answer": "A2.", "extra": 1}]
    doc = load_document("\n".join(json.dumps(r) for r in rows).encode(), "faq.jsonl")
    assert [s.text for s in doc.sections] == ["Q1?\nA1.", "Q2?\nA2."]
    assert doc.sections[0].lang == "fr"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "not a valid PDF"),
        ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.md", "Garantía".encode("latin-1"), "not UTF-8"),
        ("bad-front.md", b"---\ntitle: [unclosed\n---\n# x\n\ntext", "invalid YAML front matter"),
        ("open-front.md", b"---\ntitle: x\n# x\n\ntext", "never closed"),
        ("faq.jsonl", b'{"question": "a", "answer": "b"}\n{not json}\n', "line 2: not valid JSON"),
        ("faq.csv", b"q,a\nx,y\n", "needs 'question' and 'answer'"),
        ("empty.md", b"   \n", "no text to ingest"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type .docx"),
    ],
)
def test_broken_files_say_why(name, data, reason):
    with pytest.raises(DocumentError, match=reason):
        load_document(data, name)
