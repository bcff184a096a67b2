"""Fill Welsh translations from a JSON file: {"msgid": "msgstr", "context|||msgid": "msgstr"};
for a plural, the singular msgid and a list of the catalogue's five forms.

Usage: .venv/bin/python scripts/fill_translations.py translations.json
Prints what is still untranslated afterwards.
"""

import json
import sys

from babel.messages.pofile import read_po, write_po

PATH = "translations/cy/LC_MESSAGES/messages.po"


def main(source):
    with open(PATH, "rb") as handle:
        catalogue = read_po(handle)
    new = json.load(open(source, encoding="utf-8"))
    for message in catalogue:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id  # a plural: its singular
        key = f"{message.context}|||{msgid}" if message.context else msgid
        if key in new:
            message.string = tuple(new[key]) if isinstance(message.id, tuple) else new[key]
            message.flags.discard("fuzzy")
    missing = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    with open(PATH, "wb") as handle:
        write_po(handle, catalogue, width=76, omit_header=False, sort_output=True, include_previous=False, no_location=True)
    print("still missing:", missing)


if __name__ == "__main__":
    main(sys.argv[1])
