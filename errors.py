"""The one exception type for problems in the user's data."""


class DataError(Exception):
    """A problem in the user's data, carrying one sentence a person can act on.

    Pages show it with ``st.error``; ``report.py`` prints ``error: <sentence>``
    and exits 2. Nothing else reaches a user as a traceback.
    """
