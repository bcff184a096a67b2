import sys, json
from babel.messages.pofile import read_po, write_po
path = 'translations/cy/LC_MESSAGES/messages.po'
cat = read_po(open(path, 'rb'))
new = json.load(open(sys.argv[1]))
for m in cat:
    if m.id in new:
        m.string = new[m.id]
        m.flags.discard('fuzzy')
missing = [m.id for m in cat if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
with open(path, 'wb') as f:
    write_po(f, cat, width=76, omit_header=False, sort_output=True, include_previous=False, no_location=True)
print("still missing:", missing)
