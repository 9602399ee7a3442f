"""Convert selected github/site-policy (CC0-1.0) documents to a Markdown KB.

Front matter and HTML comments are removed, Markdown links are reduced to their
text, and the Terms of Service are split into one file per lettered section.
Usage: python build_github_policies_kb.py GIT_DIR OUT_DIR
"""
import os
import re
import subprocess
import sys

GIT, OUT = sys.argv[1], sys.argv[2]
def show(p):
    return subprocess.run(["git", "--git-dir", GIT, "show", "HEAD:" + p], capture_output=True, text=True, check=True).stdout
def clean(t):
    t = re.sub(r"^---\n.*?\n---\n", "", t, flags=re.S)
    t = re.sub(r"<!--.*?-->", "", t, flags=re.S)
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", t)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\{%.*?%\}", "", t)
    return re.sub(r"\n{3,}", "\n\n", t).strip() + "\n"
def title(t):
    m = re.search(r"^title: *(.+)$", t, flags=re.M)
    return m.group(1).strip().strip("'\"")
os.makedirs(OUT, exist_ok=True)
DOCS = {
    "account-recovery": "Policies/other-site-policies/github-account-recovery-policy.md",
    "deceased-user": "Policies/other-site-policies/github-deceased-user-policy.md",
    "username-policy": "Policies/other-site-policies/github-username-policy.md",
    "trade-controls": "Policies/other-site-policies/github-and-trade-controls.md",
    "sponsors-additional-terms": "Policies/github-terms/github-sponsors-additional-terms.md",
    "marketplace-terms": "Policies/github-terms/github-marketplace-terms-of-service.md",
    "privacy-statement": "Policies/privacy-policies/github-general-privacy-statement.md",
}
for stem, path in DOCS.items():
    raw = show(path)
    with open(os.path.join(OUT, stem + ".md"), "w") as f:
        f.write("# " + title(raw) + "\n\n" + clean(raw))
tos = show("Policies/github-terms/github-terms-of-service.md")
body = clean(tos)
SECTIONS = {"B": "tos-account-terms", "K": "tos-payment", "L": "tos-cancellation-and-termination",
            "M": "tos-communications", "Q": "tos-changes-to-terms", "E": "tos-private-repositories"}
parts = re.split(r"^## ", body, flags=re.M)
for p in parts:
    m = re.match(r"([A-Z])\. (.+)\n", p)
    if m and m.group(1) in SECTIONS:
        text = p[m.end():].replace("\n### ", "\n## ")
        with open(os.path.join(OUT, SECTIONS[m.group(1)] + ".md"), "w") as f:
            f.write("# GitHub Terms of Service: " + m.group(2).strip() + "\n\n" + text.strip() + "\n")
