"""The plain rewrite a finding's suggestion offers, when it offers one that can replace the span.

Rules phrase a replacement as `Say “plain words” (...)` (jargon) or `Own it in the first person:
“we changed the threshold” (...)` (agentless passive). Advice such as `Replace “several” with the
figure` or a rewrite with a gap (`“we …”`) is not a plain rewrite: the editor offers no quick fix.
"""

from __future__ import annotations

import re
from typing import Any

_REWRITE = re.compile(r"^(?:Say|Own it in the first person:|Write|Use) “(?P<text>[^“”…]+)”(?:\s|$)")


def plain_rewrite(finding: Any) -> str | None:
    """The replacement text for `finding`'s span, or None when its suggestion is only advice."""
    match = _REWRITE.match(finding.suggestion or "")
    if match is None:
        return None
    text = match.group("text").strip()
    return text or None
