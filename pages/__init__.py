"""Dashboard pages, run by st.navigation from dashboard.py (not imported)."""
