"""Words for people: counts with the right plural, bylines, and text safe in Markdown."""

from __future__ import annotations

_PLURALS = {"evidence": "evidence", "claim": "claims", "argument": "arguments", "conclusion": "conclusions",
            "assumption": "assumptions", "attack": "attacks", "name": "names", "extension": "extensions",
            "thesis": "theses"}


def plural(count: int, word: str) -> str:
    """``count`` and ``word``, in the plural unless the count is one (``evidence`` has no plural).

    >>> plural(1, "claim"), plural(2, "claim"), plural(3, "evidence"), plural(0, "step")
    ('1 claim', '2 claims', '3 evidence', '0 steps')
    """
    if count == 1:
        return f"{count:,} {word}"
    return f"{count:,} {_PLURALS.get(word, word + 's')}"


def byline(details: dict[str, str]) -> str:
    """``author, date: address`` (as much of it as is known): the line under a brief's or a diagram's title.

    >>> byline({"author": "A. Writer", "date": "2024-05-01", "url": "https://example.org/a"})
    'A. Writer, 2024-05-01: https://example.org/a'
    >>> byline({"file": "sources/a.txt"})
    'sources/a.txt'
    """
    who = ", ".join(details[key] for key in ("author", "date") if key in details)
    where = details.get("url") or details.get("file") or ""
    return f"{who}: {where}" if who and where else who or where


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#~"})


def markdown_text(text: str) -> str:
    r"""``text`` on one line, as Markdown shows it: markup and HTML escaped, so a claim's words stay words.

    >>> print(markdown_text("We are *#1*  <b>here</b> & [there](javascript:x)"))
    We are \*\#1\* \<b\>here\</b\> &amp; \[there\](javascript:x)
    """
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL).replace("&", "&amp;")
