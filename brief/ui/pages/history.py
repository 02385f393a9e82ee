"""Page script: the history of drafts and critiques."""

from brief.ui.history_page import render_history_page

render_history_page()
