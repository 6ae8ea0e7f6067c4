"""The user-facing exception types: problems in the user's data, and a cache directory that cannot be used."""

from i18n import TEXT, Message


class DataError(Exception):
    """A problem in the user's data, carrying one sentence a person can act on.

    Pages show it with ``st.error``; ``report.py`` prints ``error: <sentence>``
    and exits 2. Nothing else reaches a user as a traceback. It is raised as a message key of the ``i18n``
    catalogs and its values (``DataError("file_empty", name=…)``): ``str()`` is the English sentence, ``text(lang)``
    the sentence in the UI's language.
    """

    def __init__(self, key: str | Message, **values):
        if isinstance(key, Message):  # a message handed up from below (a mapping's problem) is raised as it is
            self.message = key
        elif key in TEXT:
            self.message = Message(key, **values)
        else:
            raise KeyError(f"DataError({key!r}): no such key in the i18n catalogs; add it with English and Korean")
        super().__init__(str(self.message))

    def text(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: the session's language)."""
        return self.message.text(lang)

    def __reduce__(self):  # pickled with its message (by key), not rebuilt from the English sentence
        return (_restored, (type(self), str(self), self.__dict__))


def _restored(cls: type[DataError], sentence: str, state: dict) -> DataError:
    error = cls.__new__(cls)
    Exception.__init__(error, sentence)
    error.__dict__.update(state)
    return error


class CacheError(DataError):
    """The cache directory cannot be created or written (read-only, full, not a directory): the operator's
    problem, not the data's. ``str()`` names the directory (report.py prints it); ``problem`` is the
    system's reason without any path, for the browser (which never sees server paths)."""

    def __init__(self, directory: object, problem: str):
        self.directory = str(directory)
        self.problem = problem
        super().__init__("cache_unwritable", directory=self.directory, problem=problem)


def disk_problem(error: BaseException, directory: object) -> CacheError | None:
    """A CacheError when ``error`` is a failure to write under ``directory`` (full, read-only, no permission,
    DuckDB's spill), else None: the data is then not to blame."""
    text = str(error)
    if isinstance(error, OSError) and error.strerror and (error.filename is None
                                                           or str(directory) in str(error.filename)):
        return CacheError(directory, error.strerror)
    for problem in ("No space left on device", "Read-only file system", "Permission denied", "Disk quota exceeded"):
        if problem in text and (str(directory) in text or isinstance(error, OSError)):
            return CacheError(directory, problem)
    return None
