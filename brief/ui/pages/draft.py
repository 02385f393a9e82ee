"""Page script: draft a briefing from incident facts."""

from brief.ui.draft_page import render_draft_page

render_draft_page()
