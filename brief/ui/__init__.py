"""The Streamlit app's page logic. `app.py` only sets the page up and calls into here.

Pages call the same public functions as the CLI: `drafter` to draft and `critic.review` to
check. Modules without `_page` or `_view` in their name import no streamlit.
"""
