"""review_many over several processes, with equal shares of work.

Drafts are dealt out longest first to whichever share has the fewest characters so far (parse time
grows with length), so no process waits for one that drew the long drafts. This process reviews
the first share itself while the others run: `workers` processes in all, one a core.
"""

from __future__ import annotations

import heapq
import multiprocessing
import threading
from collections.abc import Sequence

from critic.config import CriticConfig
from critic.models import KindOption, Report


def balanced_shares(lengths: Sequence[int], count: int) -> list[list[int]]:
    """Indices split into `count` shares of near-equal total length (longest first, greedy)."""
    heap = [(0, share) for share in range(count)]
    shares: list[list[int]] = [[] for _ in range(count)]
    for index in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        load, share = heapq.heappop(heap)
        shares[share].append(index)
        heapq.heappush(heap, (load + max(1, lengths[index]), share))
    return [sorted(share) for share in shares if share]


def _review_share(
    texts: Sequence[str],
    kind: KindOption,
    config: CriticConfig,
    batch_size: int,
    facts: object = None,
) -> list[Report]:
    from critic.engine import review_many

    return review_many(texts, kind, config, batch_size=batch_size, facts=facts)


def review_in_processes(
    texts: Sequence[str],
    kind: KindOption,
    config: CriticConfig,
    batch_size: int,
    workers: int,
    facts: object = None,
) -> list[Report]:
    from critic.pipeline import load_pipeline

    load_pipeline(config.spacy_model)  # load before forking, so children share it
    alone = threading.active_count() == 1
    method = "fork" if alone and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    shares = balanced_shares([len(text) for text in texts], workers)
    jobs = [([texts[i] for i in share], kind, config, batch_size, facts) for share in shares]
    if len(jobs) == 1:
        return _review_share(*jobs[0])
    reports: list[Report | None] = [None] * len(texts)
    with multiprocessing.get_context(method).Pool(len(shares) - 1) as pool:
        pending = [pool.apply_async(_review_share, job) for job in jobs[1:]]
        results = [_review_share(*jobs[0]), *(job.get() for job in pending)]
    for share, part in zip(shares, results, strict=True):
        for index, report in zip(share, part, strict=True):
            reports[index] = report
    return [report for report in reports if report is not None]
