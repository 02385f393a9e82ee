"""Brief: tell the CEO that a key ML model failed, well.

`drafter` turns incident facts into a briefing, a meeting script and Q&A through any LLM;
`critic` reviews any draft the way a demanding executive would. This package holds the
command line, the batch evaluation and the app's page logic that sit on top of both.
"""

__version__ = "0.1.0"
