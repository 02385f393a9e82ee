"""Page script: critique a pasted or uploaded draft."""

from brief.ui.critique_page import render_critique_page

render_critique_page()
