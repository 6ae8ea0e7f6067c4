import re
from pathlib import Path

from ui.i18n import LANGUAGES, TEXT, t

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"{(\w+)}")


def test_every_string_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key
        assert {lang: sorted(FIELD.findall(text)) for lang, text in entry.items()} == {
            lang: sorted(FIELD.findall(entry["en"])) for lang in LANGUAGES}, key


def test_values_are_filled_in_the_chosen_language():
    assert t("n_journeys", "ko", n="1,234") == "n = 여정 1,234건"
    assert t("n_journeys", "en", n="1,234") == "n = 1,234 journeys"


def test_every_key_the_dashboard_uses_is_in_the_table():
    sources = [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    used = set()
    for path in sources:
        used |= set(re.findall(r"\bt\(\s*\"(\w+)\"\s*[,)]", path.read_text()))
    assert used and used - set(TEXT) == set()
