"""Reading elections in the BLT format, quirks of published files included.

    7 3                 candidates, seats
    -2                  (optional) withdrawn candidates, negative
    69 1 0              a count of identical ballots, preferences by number, 0
    ...
    0                   end of ballots
    "Name" ...          one line per candidate (quoted in several styles, or missing
                        with the names only in '# ALTERNATIVE NAME n: ...' comments)
    "Title"             the election's title
"""

import csv
import re
import unicodedata
from dataclasses import dataclass

_PARTY_FIRST = re.compile(r"^\S{1,6}$")


class BLTError(ValueError):
    """The file is not a readable BLT election; says which line."""


@dataclass
class Election:
    title: str
    seats: int
    candidates: list  # display names; candidate n is candidates[n - 1]
    ballots: list  # (preferences as 1-based numbers, count)
    withdrawn: list


def read(data):
    """Parse BLT bytes or text into an Election; raise BLTError naming the bad line."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(index + 1, line.strip()) for index, line in enumerate(lines)]
    content = [(n, line) for n, line in numbered if line]
    if not content:
        raise BLTError("the file is empty")
    header = content[0][1].split()
    try:
        n_candidates, seats = int(header[0]), int(header[1])
    except (IndexError, ValueError):
        raise BLTError(f"line {content[0][0]}: expected the number of candidates and seats") from None
    if n_candidates < 1 or not 1 <= seats <= n_candidates:
        raise BLTError(f"line {content[0][0]}: {n_candidates} candidates for {seats} seats")

    position, withdrawn, ballots = 1, [], []
    while position < len(content) and content[position][1].startswith("-"):
        number, line = content[position]
        withdrawn += [_candidate(int(token), n_candidates, number) for token in line.split() if token.lstrip("-").isdigit()]
        position += 1
    while True:
        if position >= len(content):
            raise BLTError("the list of ballots has no closing 0")
        number, line = content[position]
        position += 1
        if line.startswith("#"):
            continue
        tokens = line.split()
        if tokens == ["0"]:
            break
        if not all(token.isdigit() for token in tokens) or tokens[-1] != "0":
            raise BLTError(f"line {number}: a ballot must be a count, preferences, then 0")
        preferences = tuple(_candidate(int(token), n_candidates, number) for token in tokens[1:-1])
        ballots.append((preferences, int(tokens[0])))

    names, comments = [], {}
    for number, line in content[position:]:
        match = re.match(r"#\s*ALTERNATIVE NAME\s+(\d+)\s*:\s*(.+)$", line, re.IGNORECASE)
        if match:
            comments[int(match.group(1))] = _tidy(match.group(2))
        elif not line.startswith("#"):
            names.append(_display_name(line))
    if len(names) >= n_candidates + 1:
        candidates, title = names[:n_candidates], names[n_candidates]
    elif len(names) == n_candidates and len(comments) < n_candidates:
        candidates, title = names, ""
    elif len(comments) >= n_candidates:
        candidates = [comments[n] for n in range(1, n_candidates + 1)]
        title = names[-1] if names else ""
    else:
        raise BLTError(f"expected {n_candidates} candidate names, found {len(names)}")
    return Election(title=title, seats=seats, candidates=candidates, ballots=ballots, withdrawn=withdrawn)


def _candidate(value, n_candidates, line_number):
    if not 1 <= value <= n_candidates:
        raise BLTError(f"line {line_number}: there is no candidate {value}")
    return value


def _tidy(text):
    # Mis-encoded characters become U+FFFD with stray combining marks: drop them.
    text = "".join(ch for ch in text if ch != "\ufffd" and unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip()


def _display_name(line):
    """'"LD ""David EVANS"" "' or '"Anne SIMPSON" "Liberal Democrats"' -> 'David EVANS (LD)', 'Anne SIMPSON (Liberal Democrats)'."""
    if not line.startswith('"'):
        return _tidy(line)
    fields = [_tidy(field) for field in next(csv.reader([line], delimiter=" ", quotechar='"')) if _tidy(field)]
    if len(fields) >= 2:
        return f"{fields[0]} ({' '.join(fields[1:])})"
    text = fields[0] if fields else ""
    inner = re.match(r'^(.*?)"(.+)"(.*)$', text)
    if not inner:
        return text.replace('"', "")
    outside, quoted = _tidy(inner.group(1) + " " + inner.group(3)), _tidy(inner.group(2))
    if _PARTY_FIRST.match(outside):
        return f"{quoted} ({outside})"  # 'LD "David EVANS"'
    return f"{outside} ({quoted})"  # 'Alec MCNEILLY "Scottish Conservative and Unionist"'
