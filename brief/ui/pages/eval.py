"""Page script: the evaluation page, provided by brief.ui.eval_page when it is installed."""

import streamlit as st

try:
    from brief.ui.eval_page import render_eval_page
except ImportError as exc:
    st.info(f"The evaluation page is not available in this install ({exc}).")
else:
    render_eval_page()
