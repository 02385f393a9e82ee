"""The offline model's reviser: fixes what it can from the critic's findings, inventing nothing.

Deterministic edits, each tied to the finding that asks for it:

- jargon (`jargon.term`): the term becomes the glossary's plain wording (critic/data/glossary.yaml);
- blame: a deflecting sentence (`blame.deflection`) becomes one first-person statement of
  ownership, once per part (later ones are dropped); an agentless passive becomes the critic's own
  first-person rewrite; minimising words ("a bit of an issue") become "a failure";
- numbers: "some orders" becomes the facts' count when the facts give one; "soon" becomes the next
  report's date when the sentence promises news, otherwise a placeholder; a figure the facts do not
  support becomes a placeholder. A placeholder (`[add: ...]`) is visible and is an error finding
  until someone fills it: the reviser never guesses a figure;
- length: sentences over the limit are split at a clause break; an over-budget briefing keeps the
  first sentences of each section;
- structure: a missing element is added from the facts, in the offline writer's words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from drafter.facts import IncidentFacts
from drafter.offline import OfflineWriter
from drafter.wording import CURRENCY_SYMBOLS, format_date, format_number, known

OWNERSHIP = "I own this, and I am accountable for the fix."
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_NEWS_WORDS = re.compile(
    r"\b(?:share|update|report|tell|send|inform|brief|back to you|hear)\w*", re.I
)
_SPLITS = ("; ", ", and ", ", so ", ", but ")
_PLACEHOLDER_WORDS = {
    "money": "the amount in $",
    "percent": "the percentage",
    "duration": "the duration",
    "date": "the date",
    "time": "the time",
    "count": "the number",
}


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    whole: bool = False  # rewrites a whole sentence: wins over the edits inside it
    rank: int = 0  # of two whole-sentence edits that overlap, the higher rank wins
    jargon: str = ""  # for a glossary term: its plain wording, as the glossary gives it


@cache
def _glossary() -> tuple[Any, ...]:
    from critic.rules.jargon_term import glossary

    return glossary()


def plain_wording(term: str) -> str | None:
    """The glossary's plain wording for a flagged term, or None."""
    for entry in _glossary():
        if entry.pattern.fullmatch(term):
            return entry.plain
    return None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), across soft line breaks, within its paragraph."""
    left = max(text.rfind("\n\n", 0, start) + 1, 0)
    for match in _SENTENCE_END.finditer(text, left, start):
        left = match.end()
    begin = left
    while begin < len(text) and text[begin] in " \n":
        begin += 1
    for marker in ("You:", "CEO:", "A:", "- ", "* "):
        if text.startswith(marker, begin) and begin + len(marker) <= start:
            begin += len(marker)
            while text[begin] == " ":
                begin += 1
    stop = _SENTENCE_END.search(text, end)
    finish = len(text) if stop is None else stop.end()
    paragraph = text.find("\n\n", end)
    if paragraph != -1 and paragraph < finish:
        finish = paragraph
    return begin, finish


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" *\t")
    if not before or before.endswith("\n\n"):
        return True
    before = before.rstrip()
    return not before or before[-1] in ".!?:#" or before.endswith(("You:", "A:"))


def _cased(text: str, original: str, start: int) -> str:
    if text and _at_sentence_start(original, start):
        return text[0].upper() + text[1:]
    return text


class OfflineReviser:
    """Revises one draft's parts from their findings, with the facts as the only source."""

    def __init__(self, facts: IncidentFacts) -> None:
        self.facts = facts
        self.writer = OfflineWriter(facts)

    # --- span edits ------------------------------------------------------------------------

    def _jargon(self, text: str, finding: Any) -> Edit | None:
        words = text[finding.start : finding.end]
        plain = plain_wording(words)
        if plain is None:
            return None
        plain = plain.split(" / ")[0]
        start = finding.start
        return Edit(start, finding.end, _after_article(text, start, plain), jargon=plain)

    def _deflection(self, text: str, finding: Any, owned: list[bool]) -> Edit | None:
        begin, finish = _sentence_bounds(text, finding.start, finding.end)
        if (begin, finish) in self._rewritten:
            return None  # a second deflection in a sentence already rewritten
        self._rewritten.add((begin, finish))
        if owned[0]:
            while finish < len(text) and text[finish] == " ":
                finish += 1
            return Edit(begin, finish, "", whole=True, rank=2)
        owned[0] = True
        return Edit(begin, finish, OWNERSHIP, whole=True, rank=2)

    def _passive(self, text: str, finding: Any) -> Edit | None:
        match = re.search(r"first person: “([^”]+)”", finding.suggestion)
        if not match:
            return None
        begin, finish = _sentence_bounds(text, finding.start, finding.end)
        return Edit(begin, finish, match.group(1), whole=True, rank=1)

    def _minimising(self, text: str, finding: Any) -> Edit:
        words = text[finding.start : finding.end]
        replacement = "a failure" if re.match(r"(?:a|an)\b", words, re.I) else ""
        start, end = finding.start, finding.end
        if not replacement and end < len(text) and text[end] == " ":
            end += 1
        return Edit(start, end, _cased(replacement, text, start))

    def _vague_quantity(self, text: str, finding: Any) -> Edit:
        words = text[finding.start : finding.end]
        after = text[finding.end : finding.end + 30].lower()
        impact = self.facts.impact
        noun = f"{words} {after}".lower()
        if "order" in noun and known(impact.orders_affected):
            figure = format_number(impact.orders_affected)
        elif "customer" in noun and known(impact.customers_affected):
            figure = format_number(impact.customers_affected)
        else:
            figure = "[add: the number]"
        if re.search(r"\b(?:orders?|customers?)\b", words, re.I):
            noun_word = re.search(r"\b(?:orders?|customers?)\b", words, re.I)
            assert noun_word is not None
            figure = f"{figure} {noun_word.group(0).lower()}"
        return Edit(finding.start, finding.end, _cased(figure, text, finding.start))

    def _vague_time(self, text: str, finding: Any) -> Edit:
        begin, finish = _sentence_bounds(text, finding.start, finding.end)
        if _NEWS_WORDS.search(text[begin:finish]):
            when = f"by {format_date(self.facts.next_report_due)}"
        else:
            when = "by [add: the date]"
        return Edit(finding.start, finding.end, when)

    def _unsupported(self, text: str, finding: Any) -> Edit | None:
        from critic import grounding

        words = text[finding.start : finding.end]
        figures = list(grounding.figures_in(words))
        kind = figures[0].kind if figures else "count"
        what = _PLACEHOLDER_WORDS[kind]
        if kind == "money":
            what = f"the amount in {self._currency()}"
        return Edit(finding.start, finding.end, f"[add: {what}]")

    def _currency(self) -> str:
        """The facts' currency as a symbol ("$", "€") when it has one, else its code."""
        money = self.facts.impact.money
        code = money.currency if known(money) else "USD"
        return CURRENCY_SYMBOLS.get(code, code)

    def _split(self, text: str, finding: Any) -> Edit | None:
        begin, finish = _sentence_bounds(text, finding.start, finding.end)
        sentence = text[begin:finish]
        middle = len(sentence) / 2
        best: tuple[float, int, str] | None = None
        for separator in _SPLITS:
            for match in re.finditer(re.escape(separator), sentence):
                distance = abs(match.start() - middle)
                if best is None or distance < best[0]:
                    best = (distance, match.start(), separator)
        if best is None:
            return None
        _, at, separator = best
        rest = sentence[at + len(separator) :]
        if not rest:
            return None
        lead = {", so ": "So ", ", but ": "But "}.get(separator, "")
        rest = lead + (rest if lead else rest[0].upper() + rest[1:])
        return Edit(begin, finish, f"{sentence[:at]}. {rest}", whole=True)

    def span_edits(self, text: str, findings: Sequence[Any]) -> list[Edit]:
        self._rewritten: set[tuple[int, int]] = set()
        edits: list[Edit] = []
        owned = [OWNERSHIP in text]
        for finding in sorted(findings, key=lambda f: f.start):
            edit: Edit | None = None
            if finding.rule == "jargon.term":
                edit = self._jargon(text, finding)
            elif finding.rule == "blame.deflection":
                edit = self._deflection(text, finding, owned)
            elif finding.rule == "blame.agentless-passive" and finding.severity != "suggestion":
                edit = self._passive(text, finding)
            elif finding.rule == "blame.minimising":
                edit = self._minimising(text, finding)
            elif finding.rule == "numbers.vague-quantity":
                edit = self._vague_quantity(text, finding)
            elif finding.rule == "numbers.vague-time":
                edit = self._vague_time(text, finding)
            elif finding.rule == "numbers.unsupported" and finding.severity == "error":
                edit = self._unsupported(text, finding)
            elif finding.rule == "length.sentence":
                edit = self._split(text, finding)
            if edit is not None:
                edits.append(edit)
        return _merge_adjacent_jargon(text, edits)

    # --- whole-part edits --------------------------------------------------------------------

    def trim(self, text: str, sentences: int = 2) -> str:
        """Each paragraph keeps its first sentences; headings and list items keep their first."""
        out = []
        for block in text.split("\n\n"):
            stripped = block.strip()
            if not stripped or stripped.startswith("#"):
                out.append(block)
                continue
            keep = 1 if re.match(r"^(?:[-*]|\d+\.)\s", stripped) else sentences
            ends = [m.end() for m in _SENTENCE_END.finditer(block)]
            kept = block[: ends[keep - 1]] if len(ends) > keep else block
            if OWNERSHIP in block and OWNERSHIP not in kept:
                kept += " " + OWNERSHIP  # trimming never drops the statement of ownership
            out.append(kept)
        return "\n\n".join(out)

    def missing_sections(self, kind: str, missing: Sequence[str]) -> str:
        """Text for the elements the part lacks, from the facts (briefing: sections; script:
        turns)."""
        w = self.writer
        plan = " ".join(w.plan_steps())
        texts = {
            "impact": ("Impact", w.impact_text()),
            "root_cause": ("Root cause", w.root_cause_text()),
            "containment": ("Containment", w.containment_text()),
            "plan": ("Plan", plan),
            "timeline": ("Plan", plan),
            "prevention": ("Prevention", " ".join(w.prevention_sentences())),
            "follow_up": ("Next update", w.follow_up_text()),
        }
        chosen: dict[str, str] = {}
        for element in missing:
            if element in texts:
                title, body = texts[element]
                chosen.setdefault(title, body)
        if kind == "script":
            return "".join(f"\n\nYou: {body}" for body in chosen.values())
        return "".join(f"\n\n## {title}\n\n{body}" for title, body in chosen.items())

    def revise_part(self, kind: str, text: str, findings: Sequence[Any]) -> str:
        edits = _without_overlaps(self.span_edits(text, findings))
        revised = text
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            revised = revised[: edit.start] + edit.text + revised[edit.end :]
        revised = re.sub(r"[ \t]{2,}", " ", revised)
        revised = re.sub(r"\n{3,}", "\n\n", revised)
        rules = {f.rule for f in findings}
        if kind == "briefing" and "length.words" in rules:
            revised = self.trim(revised)
        if kind in {"briefing", "script"}:
            missing = [f.rule.split(".", 1)[1] for f in findings if _is_missing(f.rule)]
            body, closing = _split_sign_off(revised.rstrip("\n"))
            revised = body + self.missing_sections(kind, missing) + closing + "\n"
        return revised


_SIGN_OFF = re.compile(
    r"\n\n(?:thanks|thank you|regards|best|best regards|kind regards|cheers|sincerely)\b[^\n]*"
    r"(?:\n[^\n]+)?$",
    re.IGNORECASE,
)


def _split_sign_off(text: str) -> tuple[str, str]:
    """('body', '\n\nThanks,\nSam') for an email that ends with a sign-off."""
    match = _SIGN_OFF.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")


def _after_article(text: str, start: int, plain: str) -> str:
    """The plain wording as it reads at `start`: no second article ("the the"), capitalised
    at the start of a sentence."""
    if re.search(
        r"\b(?:the|a|an|our|their|this|its)\s+$", text[:start], re.IGNORECASE
    ) and re.match(r"(?:the|a|an)\s", plain):
        plain = plain.split(" ", 1)[1]
    return _cased(plain, text, start)


def _merge_adjacent_jargon(text: str, edits: list[Edit]) -> list[Edit]:
    """'data pipeline drift' -> 'the model getting worse ... in the automated feed ...': two terms
    side by side become one phrase, the second term's wording first."""
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: e.start):
        last = out[-1] if out else None
        if (
            last is not None
            and last.jargon
            and edit.jargon
            and not text[last.end : edit.start].strip()
        ):
            plain = f"{edit.jargon} in {last.jargon}"
            out[-1] = Edit(
                last.start, edit.end, _after_article(text, last.start, plain), jargon=plain
            )
            continue
        out.append(edit)
    return out


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    """Whole-sentence edits first (higher rank first), then span edits outside them."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (not e.whole, -e.rank, e.start)):
        if any(edit.start < other.end and other.start < edit.end for other in kept):
            continue
        kept.append(edit)
    return kept


def _is_missing(rule: str) -> bool:
    element = rule.split(".", 1)[1] if rule.startswith("structure.") else ""
    return element in {
        "impact",
        "root_cause",
        "containment",
        "plan",
        "timeline",
        "prevention",
        "follow_up",
    }


def offline_revision(
    facts: IncidentFacts, parts: Mapping[str, str], findings: Mapping[str, Sequence[Any]]
) -> dict[str, str]:
    """The offline model's revision of every part (a part with no findings comes back as it was)."""
    reviser = OfflineReviser(facts)
    return {
        name: reviser.revise_part(name, text, findings.get(name, ())) if text.strip() else text
        for name, text in parts.items()
    }
