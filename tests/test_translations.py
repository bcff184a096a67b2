"""Every string a person can see is in the Welsh catalogue, translated, with its placeholders."""

import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _catalogue():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle)


def _ids(message):
    return message.id if isinstance(message.id, tuple) else (message.id,)


def test_the_welsh_catalogue_holds_every_string_in_the_code(tmp_path):
    template = tmp_path / "messages.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_pgettext:1c,2",
         "-o", str(template), "--no-location", str(ROOT)]
    )
    with template.open("rb") as handle:
        in_code = {_ids(m)[0] for m in read_po(handle) if m.id}
    in_catalogue = {_ids(m)[0] for m in _catalogue() if m.id}
    assert sorted(in_code - in_catalogue) == [], "run `make extract-messages` and translate the new strings"


def test_every_welsh_entry_is_translated_and_not_fuzzy():
    untranslated = [
        _ids(m)[0]
        for m in _catalogue()
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert untranslated == []


def test_welsh_translations_keep_their_placeholders():
    wrong = []
    for message in _catalogue():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(_ids(message)[-1]))
        wrong += [_ids(message)[0] for s in strings if sorted(PLACEHOLDER.findall(s)) != expected]
    assert wrong == []
