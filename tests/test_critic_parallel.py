"""review_many over several processes gives the same reports, in the same order, as one."""

from __future__ import annotations

from pathlib import Path

from critic import review_many

DRAFTS = sorted((Path(__file__).resolve().parent.parent / "fixtures/drafts").glob("*.md"))


def test_two_processes_match_one() -> None:
    sources = [path.read_text(encoding="utf-8") for path in DRAFTS]
    texts = [sources[i % len(sources)].replace("9,400", f"{9400 + i:,}") for i in range(12)]
    alone = review_many(texts, batch_size=4)
    split = review_many(texts, batch_size=4, workers=2)
    assert [r.model_dump() for r in split] == [r.model_dump() for r in alone]
    assert len({r.score for r in alone}) > 1, "the drafts differ, so order matters"


def test_shares_are_even_by_length() -> None:
    from critic.workers import balanced_shares

    lengths = [9000, 100, 100, 100, 4000, 4000, 300, 300, 200, 900]
    shares = balanced_shares(lengths, 2)
    assert sorted(i for share in shares for i in share) == list(range(len(lengths)))
    loads = [sum(lengths[i] for i in share) for share in shares]
    assert max(loads) - min(loads) <= max(lengths[i] for i in range(len(lengths)) if i != 0)
    assert abs(loads[0] - loads[1]) < 1000  # contiguous halves would be 13,300 vs 5,700
