"""Render selected Liberapay "about" pages (CC0) into Markdown KB files.

Reads a local git snapshot of liberapay/liberapay.com, extracts the gettext
messages of www/about/{faq,payment-processors,contact,privacy,global}.spt in
page order, looks each one up in i18n/core/<lang>.po and writes one Markdown
file per topic and language.  Links/markup placeholders are dropped, values
computed at run time by the website are filled in as documented in README.md.
Usage: python build_liberapay_kb.py GIT_DIR OUT_DIR
"""
import os
import re
import subprocess
import sys

GIT, OUT = sys.argv[1], sys.argv[2]
def show(path):
    return subprocess.run(["git", "--git-dir", GIT, "show", "HEAD:" + path],
                          capture_output=True, text=True, check=True).stdout

LANGS = {"en": None, "es": "es", "fr": "fr", "de": "de", "pt": "pt", "it": "it",
         "ja": "ja", "ko": "ko", "zh": "zh_Hans", "ar": "ar"}

def unq(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

def parse_po(text):
    cat, cur, key = {}, {}, None
    fuzzy = False
    def flush():
        nonlocal cur, fuzzy
        if "msgid" in cur and cur["msgid"] and not fuzzy:
            if "msgid_plural" in cur:
                cat[("P", cur["msgid_plural"])] = cur.get("msgstr[1]") or cur.get("msgstr[0]") or ""
            else:
                cat[cur["msgid"]] = cur.get("msgstr", "")
        cur, fuzzy = {}, False
    for line in text.splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            if cur.get("msgid") is not None and "msgstr" in cur or "msgstr[0]" in cur:
                flush()
            fuzzy = True
            continue
        if not line.strip():
            flush(); continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            if key == "msgid" and ("msgstr" in cur or "msgstr[0]" in cur):
                f = fuzzy; flush(); fuzzy = f
            cur[key] = unq(m.group(2)); continue
        m = re.match(r'^"(.*)"$', line)
        if m and key:
            cur[key] += unq(m.group(1))
    flush()
    return cat

LIT = r'(?:"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')'
CALL = re.compile(r'\b(_|ngettext)\(\s*((?:' + LIT + r'\s*)+)(?:,\s*((?:' + LIT + r'\s*)+))?')

def lits(s):
    return "".join(unq(x[1:-1]) for x in re.findall(LIT, s))

def messages(spt):
    out = []
    for m in CALL.finditer(spt):
        if m.group(1) == "ngettext":
            out.append(("P", lits(m.group(3))))
        else:
            out.append(lits(m.group(2)))
    return out

AND = {"en": "and", "es": "y", "fr": "et", "de": "und", "pt": "e", "it": "e",
       "ja": "と", "ko": "및", "zh": "和", "ar": "و"}
def money(lang, v):
    if lang in ("fr", "es", "de", "it", "pt"):
        return v.replace(".", ",") + " €"
    if lang == "ar":
        return v + " €"
    return "€" + v

CARDS = "American Express, Cartes Bancaires, Diners, Discover, JCB, Mastercard, UnionPay, Visa"
EMPTY = ["link_start", "link_end", "external_link_start", "internal_link_start",
         "abbr_", "_abbr", "paypal_link", "stripe_link", "GDPR", "PSD2", "abbr_end"]

def render(lang, msg, cat, extra):
    if isinstance(msg, tuple):
        txt = cat.get(msg, "") if cat is not None else msg[1]
        if not txt:
            return None
    else:
        txt = msg if cat is None else cat.get(msg, "")
        if not txt:
            return None
    vals = {k: "" for k in EMPTY}
    tr = (lambda s: s) if cat is None else (lambda s: cat.get(s) or s)
    vals.update({
        "list_of_card_brands": CARDS, "platform": "GitHub",
        "payment_processors_list": "Stripe %s PayPal" % AND[lang] if lang not in ("ja", "zh") else "Stripe%sPayPal" % AND[lang],
        "Stripe": "Stripe", "PayPal": "PayPal",
        "average_fee_stripe": "[unknown]", "average_fee_paypal": "[unknown]",
        "n_paypal_currencies": "22", "n_liberapay_currencies": str(extra["ncur"]),
        "list_of_platforms": "GitHub, GitLab, Mastodon, …",
        "links_to_policies": "Stripe, PayPal",
    })
    raw = msg if isinstance(msg, str) else msg[1]
    if raw.startswith("Liberapay does not take a cut"):
        pos = ["", "", ""]
    elif raw.startswith("The minimum you can give"):
        pos = [money(lang, "0.01")]
    elif raw.startswith("The maximum you can give"):
        pos = [money(lang, "100.00")]
    else:
        pos = []
    if "page_name" in txt:
        if "vulnerability" in raw: vals["page_name"] = tr("Security")
        elif raw.startswith("The currently supported payment processors"): vals["page_name"] = tr("Payment Processors")
        else: vals["page_name"] = tr("Global")
    if "{n}" in txt:
        vals["n"] = str(next(v for k, v in extra["n"].items() if raw.startswith(k)))
    try:
        out = txt.format(*pos, **vals)
    except (KeyError, IndexError) as e:
        raise SystemExit("format error %s in %r" % (e, txt))
    return re.sub(r"<[^>]+>", "", out)

TOPICS = [  # (file stem, page, title msgid, list of (question msgid or None, [answer msgid prefixes]))
    ("funding-and-fees", "faq", "How is Liberapay funded? Are there fees?",
     ["How is Liberapay funded? Are there fees?", "Liberapay does not take a cut",
      "What are the payment processing fees?", "The fees vary by payment processor"]),
    ("who-can-use", "faq", "Who can use Liberapay?",
     ["Who can use Liberapay?", "Liberapay can be used by anyone",
      "Can creators of {abbr_}NSFW{_abbr} content use Liberapay?", "The payment processors Liberapay supports have unfavourable",
      "Can individuals in Finland use Liberapay to receive donations?", "Yes, but only donations coming from other countries"]),
    ("modify-or-stop-donations", "faq", "Can I modify or stop my donations?",
     ["Can I modify or stop my donations?", "Yes, you can stop your donations",
      "Can I make a one-time donation?", "One-time donations aren't properly supported"]),
    ("platform-differences", "faq", "What are the differences between Liberapay and other recurrent crowdfunding platforms like Patreon?",
     ["What are the differences between Liberapay and other recurrent crowdfunding platforms like Patreon?",
      "Liberapay is only for donations, meaning", "Liberapay is an open project structured",
      "We care about internationalization"]),
    ("regulations-and-impostors", "faq", "Does Liberapay respect financial regulations?",
     ["Does Liberapay respect financial regulations?", "Yes. Liberapay is based in France",
      "How do I know that my donation won't go to an impostor?", "You can usually check the authenticity",
      "How do I know that my pledges won't be claimed by an impostor?", "A pledge is linked to an account"]),
    ("payment-methods", "faq", "What payment methods are available?",
     ["What payment methods are available?", "The available payment methods depend"]),
    ("payouts", "faq", "How and when do I receive the money sent by my patrons?",
     ["How and when do I receive the money sent by my patrons?", "Money sent by a donor immediately goes to your Stripe",
      "Why do I see partial refunds in the Stripe dashboard?", "Partial refunds are how we recover",
      "Is a Liberapay account a wallet?", "Not since mid-2018."]),
    ("chargebacks", "faq", "How are chargebacks handled?",
     ["How are chargebacks handled?", "If despite our fraud prevention efforts"]),
    ("donation-limits", "faq", "Is there a minimum or maximum amount I can give or receive?",
     ["Is there a minimum or maximum amount I can give or receive?", "The minimum you can give any user",
      "The maximum you can give any one user"]),
    ("taxes", "faq", "Do I have to pay taxes on the income I receive from Liberapay?",
     ["Do I have to pay taxes on the income I receive from Liberapay?", "We don't know, it's up to you",
      "Are donations through Liberapay tax-deductible?", "Probably not, but it depends"]),
    ("payment-processors", "payment-processors", "Payment Processors", "ALL"),
    ("contact", "contact", "Contact", "ALL"),
    ("privacy", "privacy", "Privacy", "ALL"),
    ("countries-and-currencies", "global", "Global", "ALL"),
]
HEADINGS = {"Cookies", "Social networks", "Payment processors", "Personal information leaks", "Encryption",
            "Donate", "Receive", "Best supported territories", "Well supported territories",
            "Barely supported territories", "Unsupported territories",
            "To contact a Liberapay maintainer privately:", "To report a problem or make a suggestion publicly:"}
SKIP = {"Not safe for work", "General Data Protection Regulation", "Revised Payment Services Directive",
        "Global", "Security", "Payment Processors", "Frequently Asked Questions", "supported by PayPal",
        "{platform_name}'s cookie policy", "{platform_name}'s privacy policy", "Privacy", "Contact"}
QUESTIONS = {t for _, p, _, items in TOPICS if p == "faq" for t in items if t.endswith("?")}

def main():
    pages = {p: messages(show("www/about/%s.spt" % p)) for p in ("faq", "payment-processors", "contact", "privacy", "global")}
    ncur = show("liberapay/i18n/currencies.py").split("CURRENCIES = dict.fromkeys([", 1)[1].split("])", 1)[0].count("'") // 2
    stripe = {'AT','AU','BE','BG','CA','CH','CY','CZ','DE','DK','EE','ES','FI','FR','GB','GI','GR','HK','HR','HU','IE','IT','JP','LI','LT','LU','LV','MT','MX','MY','NL','NO','NZ','PL','PT','RO','SE','SG','SI','SK','US'}
    eea = {'AT','BE','BG','CY','DE','EE','ES','FI','FR','GR','HR','IE','IT','LT','LU','LV','MT','NL','PT','SI','SK',
           'CZ','DK','HU','PL','RO','SE','IS','LI','NO'}
    transfer = eea | {'CH', 'GB', 'GI', 'US'}
    paypal = set(re.findall(r"'([A-Z]{2})'", show("liberapay/constants.py").split("PAYOUT_COUNTRIES = {", 1)[1].split("'stripe'", 1)[0]))
    ex = {"ncur": ncur, "n": {
        "Donors can choose between up to": ncur,
        "Creators in these": len(stripe & transfer),
        "Liberapay is also available to creators": len(stripe - transfer),
        "Liberapay is partly available": len(paypal - stripe),
        "PayPal is available to creators": len(stripe),
    }}
    print("counts", ex, file=sys.stderr)
    os.makedirs(OUT, exist_ok=True)
    cats = {l: (None if po is None else parse_po(show("i18n/core/%s.po" % po))) for l, po in LANGS.items()}
    report = {}
    for stem, page, title, items in TOPICS:
        msgs = pages[page]
        if items == "ALL":
            seq = [m for m in msgs if (m if isinstance(m, str) else m[1]) not in SKIP]
        else:
            seq = []
            for pre in items:
                hit = [m for m in msgs if isinstance(m, str) and m.startswith(pre)]
                assert hit, pre
                seq.append(hit[0])
        for lang, cat in cats.items():
            lines, missing = [], 0
            t = render(lang, title, cat, ex)
            if t is None:
                missing += 1; t = title
            lines.append("# " + t)
            for m in seq:
                raw = m if isinstance(m, str) else m[1]
                if raw == title and page == "faq":
                    continue
                r = render(lang, m, cat, ex)
                if r is None:
                    missing += 1; continue
                r = r.replace("{n}", "")
                if raw in QUESTIONS or raw in HEADINGS:
                    lines.append("\n## " + r.rstrip(":：").strip())
                else:
                    lines.append("\n" + r)
            len(seq) + 1
            if lang != "en" and missing > 0:
                report[(stem, lang)] = missing
                continue  # only fully translated pages are kept
            name = stem + (".md" if lang == "en" else ".%s.md" % lang)
            with open(os.path.join(OUT, name), "w") as f:
                f.write("\n".join(lines).strip() + "\n")
    for k, v in sorted(report.items()):
        print("skipped (incomplete translation):", k, v, file=sys.stderr)

main()
