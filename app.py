"""Brief's web app: `make run` (streamlit run app.py). Page logic lives in brief.ui."""

import streamlit as st

from brief.ui.pages import build_pages, render_navigation

st.set_page_config(page_title="Brief: tell the CEO", page_icon="📣", layout="wide")
pages = build_pages()
navigation = st.navigation(pages, position="hidden")
render_navigation(pages)
navigation.run()
