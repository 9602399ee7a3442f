"""The demo store's page says what its KB says: a customer who reads the banner and then asks
the assistant hears the same number."""

import re

from tests.utils.paths import ROOT


def test_the_banners_free_shipping_amount_is_the_kbs():
    banner = re.search(r"Free shipping in Europe over €(\d+)", (ROOT / "api" / "static" / "demo.html").read_text(encoding="utf-8"))
    assert banner, "the demo banner names its free-shipping amount"
    assert f"free for orders over EUR {banner.group(1)}." in (ROOT / "kb" / "shipping.md").read_text(encoding="utf-8")
