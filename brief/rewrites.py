"""The plain rewrite a finding's suggestion offers, and the edit that applies it.

Rules phrase a replacement as `Say “plain words” (...)` (jargon: replaces the flagged words) or
`Own it in the first person: “We changed the threshold on Monday.” (...)` (agentless passive:
a whole sentence, which replaces the sentence the finding is in). Advice such as `Replace
“several” with the figure` or a rewrite with a gap (`“we …”`) is not a plain rewrite: no quick fix.
"""

from __future__ import annotations

import re
from typing import Any

_REWRITE = re.compile(r"^(?:Say|Own it in the first person:|Write|Use) “(?P<text>[^“”…]+)”(?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_LINE_MARKER = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+|>\s*|\*\*[^*]+:\*\*\s*|\w+:\s+)*")


def plain_rewrite(finding: Any) -> str | None:
    """The replacement text `finding`'s suggestion offers, or None when it is only advice."""
    match = _REWRITE.match(finding.suggestion or "")
    if match is None:
        return None
    text = match.group("text").strip()
    return text or None


def _is_sentence(rewrite: str) -> bool:
    return rewrite[:1].isupper() and rewrite.endswith((".", "!", "?"))


def rewrite_edit(text: str, finding: Any) -> tuple[int, int, str] | None:
    """(start, end, new text) in `text` that applies the finding's plain rewrite, or None.

    A whole-sentence rewrite replaces the sentence around the finding (found in its line), and
    only when the rewrite holds the sentence's first two words (the subject it moved).
    """
    rewrite = plain_rewrite(finding)
    if rewrite is None:
        return None
    if not _is_sentence(rewrite):
        return finding.start, finding.end, rewrite
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end == -1 else line_end
    start = line_start + _LINE_MARKER.match(text[line_start : finding.start]).end()  # type: ignore[union-attr]
    for stop in _SENTENCE_END.finditer(text, line_start, finding.start):
        start = max(start, stop.end())
    while start < finding.start and text[start].isspace():
        start += 1
    closing = _SENTENCE_END.search(text, finding.end, line_end)
    end = closing.end() if closing else line_end
    sentence = text[start:end]
    subject = " ".join(sentence.split()[:2]).lower().strip("\"'“‘")
    if not subject or subject not in rewrite.lower():
        return None
    return start, end, rewrite
