"""What did the curator mean? Hints that turn a validation problem into its fix.

A problem line names what is wrong; the best compilers also say what was
probably meant. This module works out that second half, for
:mod:`analysis.validation` and :mod:`analysis.csvfile` to append to their
messages:

* a value outside an enumeration: the value that differs only in case, in
  ``_``/``-``/space, or by a close spelling (:func:`suggest_value`);
* an id that does not exist: the nearest existing id(s), also through an
  entity's name and aliases or a predicate's label (:class:`IdSuggester`);
* a quote not found in its source: the nearest passage of the text with the
  differing spans in ``[brackets]``, and the usual cause named when it is
  one: a dash of another kind, letter case, an ellipsis standing for omitted
  words, a doubled or missing word (:func:`quote_hint`);
* a record with more fields than the header: the cell whose unquoted comma
  split it (:func:`split_cell_hint`).

Every hint is a string that starts with ``"; "`` (or is empty, when nothing
is close enough to be worth saying), so a message stays one line of the form
``PATH:LINE: COLUMN: message``.

Examples
--------
>>> suggest_value("Planned", ("done", "planned", "declined"))
"; did you mean 'planned'? (values are lower case)"
>>> suggest_value("planed", ("done", "planned", "declined"))
"; did you mean 'planned'?"
>>> suggest_value("tomorrow", ("done", "planned", "declined"))
''
>>> ids = IdSuggester(["google", "chirpnet"], {"google": [("named", "Google"), ("alias", "Google LLC")]})
>>> ids.hint("chirpnett"), ids.hint("google-llc"), ids.hint("Google")
("; did you mean 'chirpnet'?", "; did you mean 'google' (alias 'Google LLC')?", "; did you mean 'google'?")
>>> text = "Acme \u2014 the global giant \u2014 has agreed to open an office."
>>> print(quote_hint("Acme - the global giant - has agreed", text))
; the quote has a hyphen (-) where the source has an em dash (\u2014), 2 times; nearest passage: "Acme [\u2014] the global giant [\u2014] has agreed"
"""

from __future__ import annotations

import csv
import io
import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

__all__ = [
    "suggest_value",
    "IdSuggester",
    "quote_hint",
    "fold",
    "split_cell_hint",
    "VALUE_CUTOFF",
    "ID_CUTOFF",
    "PASSAGE_CUTOFF",
]

#: The least rapidfuzz ``fuzz.ratio`` (0-100) at which a value of an
#: enumeration is suggested for one outside it. A one-letter slip in a short
#: word scores about 85-92 (``planed`` / ``planned`` 92, ``dne`` / ``done``
#: 86); two different words of four letters that share three score 75
#: (``none`` / ``done``), which is a guess, not a suggestion.
VALUE_CUTOFF = 80

#: The same for ids, names and aliases (``chirpnett`` / ``chirpnet`` 94).
ID_CUTOFF = 80

# Besides: one slip (a letter added, dropped, changed, or two swapped) in a
# word of three letters or more is always close, though in a short word it
# scores under the cutoff (``acne`` / ``acme`` 75).
_ONE_SLIP = 1


def _closest(wanted: str, keys: list[str], cutoff: float, limit: int) -> list[tuple[float, int]]:
    """(score, index) of the keys close to `wanted`: ratio at least `cutoff`, or one slip away."""
    found = {index: score for _, score, index in process.extract(
        wanted, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)}
    if len(wanted) >= 3:
        for _, _, index in process.extract(wanted, keys, scorer=OSA.distance, score_cutoff=_ONE_SLIP, limit=limit):
            if len(keys[index]) >= 3:
                found.setdefault(index, cutoff)
    return sorted(((score, index) for index, score in found.items()), key=lambda item: (-item[0], item[1]))

#: The least share of a quote's characters (punctuation and words, without
#: spaces) that must match the passage, letter case and dash kind aside, for
#: the passage to be called the nearest one: below half, the "passage" is a
#: coincidence of common words and would mislead.
PASSAGE_CUTOFF = 0.5


def _key(value: str) -> str:
    """A value as compared: lower case, runs of ``_``, ``-`` and white space as one space."""
    return re.sub(r"[\s_-]+", " ", value.strip().lower()).strip()


def _or(names: list[str]) -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b' or 'c'``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def suggest_value(value: str, allowed) -> str:
    """The "did you mean" hint for `value`, which is not one of `allowed`; empty when nothing is close.

    A value that differs only in case, or in ``_``, ``-`` and spaces, names
    its right spelling; otherwise the closest value scoring at least
    :data:`VALUE_CUTOFF`, or one slip away, is suggested.

    Examples
    --------
    >>> suggest_value("not done", ("done", "not_done"))
    "; did you mean 'not_done'?"
    >>> suggest_value("DONE", ("done", "not_done"))
    "; did you mean 'done'? (values are lower case)"
    """
    allowed = list(allowed)
    wanted = _key(value)
    for choice in allowed:
        if _key(choice) == wanted:
            case = " (values are lower case)" if value.strip().lower() == choice and value.strip() != choice else ""
            return f"; did you mean {choice!r}?{case}"
    best = _closest(wanted, [_key(c) for c in allowed], VALUE_CUTOFF, limit=1)
    if not best:
        return ""
    return f"; did you mean {allowed[best[0][1]]!r}?"


class IdSuggester:
    """Suggests existing ids for unknown ones, by the id itself or by a name or alias.

    Built once per referenced table; :meth:`hint` is then asked for each
    unknown value (answers are remembered, so a value repeated on many rows
    costs one look-up).

    Parameters
    ----------
    ids : list of str
        The ids that exist.
    labels : dict, optional
        id to a list of ``(how, text)``: other words that name it, e.g.
        ``("named", "Google")``, ``("alias", "Google LLC")``.
    limit : int, default 3
        The most ids suggested for one value.
    """

    def __init__(self, ids, labels=None, limit: int = 3):
        self.ids = [i for i in dict.fromkeys(ids) if i]
        self.limit = limit
        self._id_keys = [_key(i) for i in self.ids]
        self._by_key = {}
        for identifier, key in zip(self.ids, self._id_keys):
            self._by_key.setdefault(key, (identifier, None))
        self._labels = []  # (key, id, how, text)
        for identifier, named in (labels or {}).items():
            for how, text in named:
                if text and text.strip():
                    self._labels.append((_key(text), identifier, how, text.strip()))
        self._label_keys = [key for key, *_ in self._labels]
        self._memo = {}

    def hint(self, value: str) -> str:
        """``"; did you mean 'x'?"`` for an unknown `value`; empty when nothing is close."""
        if value not in self._memo:
            self._memo[value] = self._hint(value)
        return self._memo[value]

    def _hint(self, value: str) -> str:
        wanted = _key(value)
        if not wanted:
            return ""
        scores = {}  # id -> (score, how it was found)

        def offer(identifier, score, how):
            if score > scores.get(identifier, (-1, None))[0]:
                scores[identifier] = (score, how)

        # the same id but for case or separators, or the exact name or alias
        if wanted in self._by_key:
            offer(self._by_key[wanted][0], 101, None)
        for key, identifier, how, text in self._labels:
            if key == wanted:
                offer(identifier, 100.5, None if _key(identifier) == key else f"{how} {text!r}")
        # an id followed by more words: "google llc" for google
        words = wanted.split(" ")
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if prefix in self._by_key:
                offer(self._by_key[prefix][0], 90, None)
                break
        for score, index in _closest(wanted, self._id_keys, ID_CUTOFF, self.limit):
            offer(self.ids[index], score, None)
        for score, index in _closest(wanted, self._label_keys, ID_CUTOFF, self.limit):
            _, identifier, how, text = self._labels[index]
            offer(identifier, score, f"{how} {text!r}")
        if not scores:
            return ""
        best = max(score for score, _ in scores.values())
        # only the ids about as close as the best one: a clear winner alone
        chosen = sorted(
            ((identifier, how) for identifier, (score, how) in scores.items() if score >= best - 5),
            key=lambda item: (-scores[item[0]][0], item[0]),
        )[: self.limit]
        return "; did you mean " + _or([repr(i) + (f" ({how})" if how else "") for i, how in chosen]) + "?"


# -- quotes ----------------------------------------------------------------------------------

#: Dash-like characters a curator's keyboard or a source's typesetting puts
#: where the other has a different one, each with its name.
DASHES = {
    "-": "a hyphen",
    "\u2010": "a hyphen (U+2010)",
    "\u2011": "a non-breaking hyphen",
    "\u2012": "a figure dash",
    "\u2013": "an en dash",
    "\u2014": "an em dash",
    "\u2015": "a horizontal bar",
    "\u2212": "a minus sign",
}
_FOLD = str.maketrans({dash: "-" for dash in DASHES} | {"\u2026": "."})
_TOKEN = re.compile(r"\w+|-+|\.\.\.|\u2026|[^\w\s]", re.UNICODE)
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
_DASH_TOKEN = re.compile(r"^[-\u2010-\u2015\u2212]+$")


def fold(text: str) -> str:
    """`text` in lower case with every dash a hyphen: what a near miss is searched in.

    Character for character, so that a position in the folded text is the
    same position in the text.

    Examples
    --------
    >>> fold("Acme \u2014 Bolt\u2026")
    'acme - bolt.'
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower to two characters (U+0130)
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


def _dash_name(token: str) -> str:
    if token == "--":
        return "a double hyphen"
    if len(token) == 1:
        return DASHES.get(token, f"U+{ord(token):04X}")
    return f"{len(token)} dashes"


def _longest_found(needle: str, haystack: str, cap: int = 200, low: int = 0) -> int:
    """Length of the longest beginning of `needle`, up to `cap` characters, that occurs in `haystack`.

    `low` is a length known to occur. Each step is a search of the whole
    haystack, and a search that fails costs the most, so the length is found
    by growing fourfold from 8 characters and then halving, not by halving from the
    whole quote: a quote that has little to do with the text costs a few
    searches. Under 8 characters the answer is only "less than 8" (0).
    """
    cap = min(len(needle), cap)
    if low < 8:
        if cap < 8 or needle[:8] not in haystack:
            return 0
        low = 8
    high = low
    while high < cap:
        high = min(cap, 4 * high)
        if needle[:high] in haystack:
            low = high
        else:
            high -= 1
            break
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return low


def _locate(folded_quote: str, folded_text: str, quote: str, text: str, verbatim: int) -> list[tuple[int, int]]:
    """Where in the text the quote may belong: up to three (start, end) windows, likeliest first.

    A few anchors, each one search of the text (or a few, halving): the
    longest beginning of the quote found as written (`verbatim` characters)
    and found folded (:func:`fold`), and, when these cover less than half
    the quote, up to three word triples spread over the rest, the last one
    ending it. Each anchor says where the quote
    would start; starts close together are one candidate, ranked by how many
    anchors agree.
    """
    n = len(folded_quote)
    slack = max(20, n // 4)
    starts = []
    if verbatim >= 8:
        starts.append(text.find(quote[:verbatim]))
    # the quote as written, folded, is in the folded text where it is in the text
    prefix = _longest_found(folded_quote, folded_text, low=min(verbatim, 200))
    if prefix >= 8 and prefix > verbatim:
        starts.append(folded_text.find(folded_quote[:prefix]))
    covered = max(prefix, verbatim)
    # where the beginning found does not cover half the quote, up to three
    # word triples from the rest of it (the last one ending it) vote too
    spans = [m.span() for m in re.finditer(r"\S+", folded_quote) if m.start() >= covered]
    if len(spans) >= 3 and covered < n // 2:
        picks = sorted({round(i * (len(spans) - 3) / 2) for i in range(3)})
        for i in picks:
            a, b = spans[i][0], spans[i + 2][1]
            if b - a >= 8:
                found = folded_text.find(folded_quote[a:b])
                if found >= 0:
                    starts.append(found - a)
    if not starts and n <= _SHORT_QUOTE:
        # no anchor of 8 characters: a short quote with a slip in every
        # word; rapidfuzz aligns it in one pass over the text
        found = fuzz.partial_ratio_alignment(folded_quote, folded_text, score_cutoff=ID_CUTOFF - 10)
        if found is not None:
            starts.append(found.dest_start)
    candidates = []
    for start in sorted(set(starts), key=lambda s: (-sum(abs(s - t) <= slack for t in starts), s)):
        if all(abs(start - c) > slack for c in candidates):
            candidates.append(start)
    windows = []
    for c in candidates[:3]:
        # room after it for words the quote leaves out; whole words at both ends
        start, end = max(0, c - 2 * slack), min(len(text), c + 2 * n + slack)
        start = text.rfind(" ", 0, start) + 1
        end = text.find(" ", end)
        windows.append((start, len(text) if end < 0 else end))
    return windows


#: Quotes up to this many characters get a fuzzy alignment over the whole
#: text when no anchor is found (one pass, milliseconds per 100 kB).
_SHORT_QUOTE = 64


def _tokens(text: str, folded: str, offset: int = 0):
    """(token, folded token, start, end) for each word or punctuation mark; `folded` is ``fold(text)``."""
    return [
        (m.group(), folded[m.start() : m.end()], m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)
    ]


def quote_hint(quote: str, text: str, folded_text: str | None = None) -> str:
    """Why `quote` is not in `text`, and the nearest passage with the differences in [brackets].

    Both are normalised as the quote check compares them
    (:func:`analysis.validation.normalize_text`). A cause is named when it is
    a common one: a dash of another kind, letter case, an ellipsis standing
    for omitted words, a doubled or a missing word; any other difference is
    shown as what the quote has where the source has something else. Empty
    when no passage matches at least :data:`PASSAGE_CUTOFF` of the quote and
    no beginning of 8 characters or more is found. A quote that matches
    verbatim up to a point and then runs on differently is told where it
    stops matching.

    Parameters
    ----------
    quote, text : str
        The normalised quote and source text.
    folded_text : str, optional
        ``fold(text)``, when the caller checks many quotes against one text.

    Examples
    --------
    >>> text = "IT Minister Ana Ruiz said on Friday that Acme has agreed to open an office."
    >>> print(quote_hint("acme has agreed", text))
    ; the case differs: 'acme' where the source has 'Acme'; nearest passage: "[Acme] has agreed"
    >>> print(quote_hint("Ruiz said ... Acme has agreed", text))
    ; '...' stands for omitted words, but a quote is verbatim: quote each part as its own claim, or quote the whole span; nearest passage: "Ruiz said [on Friday that] Acme has agreed"
    >>> print(quote_hint("Acme has has agreed", text))
    ; the quote repeats 'has'; nearest passage: "Acme has agreed"
    >>> print(quote_hint("Acme agreed to open", text))
    ; the quote leaves out 'has'; nearest passage: "Acme [has] agreed to open"
    >>> quote_hint("nothing like it at all", text)
    ''
    >>> print(quote_hint("IT Minister Ana Ruiz said on Monday", text))
    ; the text matches up to 'IT Minister Ana Ruiz said on ', then differs at 'Monday'
    """
    if folded_text is None:
        folded_text = fold(text)
    # the longest beginning of the quote found as written: an anchor, and
    # the hint when no passage is close or the quote runs on differently
    verbatim = _longest_found(quote, text, cap=len(quote))
    nearest = _nearest(quote, text, folded_text, verbatim)
    if nearest is not None:
        return nearest
    if verbatim < 8:
        return ""
    return f"; the text matches up to {quote[:verbatim][-40:]!r}, then differs at {quote[verbatim:verbatim + 20]!r}"


def _nearest(quote: str, text: str, folded_text: str, verbatim: int) -> str | None:
    """The nearest-passage hint; None when no passage is close or the quote only runs on differently."""
    folded_quote = fold(quote)
    ellipsis = bool(_ELLIPSIS.search(quote))
    searched = _ELLIPSIS.sub(" ", folded_quote) if ellipsis else folded_quote
    quote_tokens = _tokens(quote, folded_quote)
    a = [t[1] for t in quote_tokens]
    best = None
    for window_start, window_end in _locate(searched, folded_text, quote, text, verbatim):
        if ellipsis:  # it stands for words the source has: the window must hold them
            window_end = min(len(text), window_end + 400)
        window = text[window_start:window_end]
        found = _passage(quote_tokens, _tokens(window, folded_text[window_start:window_end], window_start), ellipsis)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    if best is None or best[0][0] < PASSAGE_CUTOFF * sum(len(t) for t in a):
        return None
    _, passage, ops = best
    changed = [op for op in ops if op[0] != "equal"]
    verbatim = all(q[0] == s[0] for tag, i1, i2, j1, j2 in ops if tag == "equal"
                   for q, s in zip(quote_tokens[i1:i2], passage[j1:j2]))
    if verbatim and len(changed) == 1 and changed[0][2] == len(a) and changed[0][0] != "insert":
        tail = quote_tokens[changed[0][1]][0]
        if not (_DASH_TOKEN.match(tail) or tail in ("...", "\u2026")):
            return None  # the quote runs on differently: where it stops matching says it best

    causes, marks = [], []  # marks: (start, end) character spans of the source passage
    dashes, cases, others = [], [], []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for q, s in zip(quote_tokens[i1:i2], passage[j1:j2]):
                if q[0] == s[0]:
                    continue
                marks.append((s[2], s[3]))
                (dashes if _DASH_TOKEN.match(q[0]) else cases).append((q[0], s[0]))
            continue
        quoted = " ".join(t[0] for t in quote_tokens[i1:i2])
        source = text[passage[j1][2] : passage[j2 - 1][3]] if j2 > j1 else ""
        if j2 > j1:
            marks.append((passage[j1][2], passage[j2 - 1][3]))
        if tag == "replace" and all(_DASH_TOKEN.match(t[0]) for t in quote_tokens[i1:i2] + passage[j1:j2]):
            dashes.append((quoted.replace(" ", ""), source.replace(" ", "")))
        elif any(t[0] in ("...", "\u2026") for t in quote_tokens[i1:i2]):
            others.append(("ellipsis", quoted, source))
        elif tag == "delete" and _repeats(a, i1, i2):
            others.append(("doubled", quoted, source))
        elif tag == "insert":
            others.append(("missing", quoted, source))
        elif tag == "delete":
            others.append(("extra", quoted, source))
        else:
            others.append(("other", quoted, source))
    for (q, s), count in _counted(dashes):
        times = f", {count} times" if count > 1 else ""
        causes.append(f"the quote has {_dash_name(q)} ({q}) where the source has {_dash_name(s)} ({s}){times}")
    if cases:
        shown = ", ".join(f"{q!r} where the source has {s!r}" for q, s in cases[:2])
        more = f" and {len(cases) - 2} more" if len(cases) > 2 else ""
        causes.append(f"the case differs: {shown}{more}")
    if any(kind == "ellipsis" for kind, _, _ in others):
        causes.append(
            "'...' stands for omitted words, but a quote is verbatim: quote each part as its own claim, "
            "or quote the whole span"
        )
    rest = [item for item in others if item[0] != "ellipsis"]
    for kind, quoted, source in rest[:3]:
        if kind == "doubled":
            causes.append(f"the quote repeats {quoted!r}")
        elif kind == "missing":
            causes.append(f"the quote leaves out {source!r}")
        elif kind == "extra":
            causes.append(f"the quote has {quoted!r}, which the source does not")
        else:
            causes.append(f"the quote has {quoted!r} where the source has {source!r}")
    if len(rest) > 3:
        causes.append(f"and {len(rest) - 3} more differences")
    start, end = passage[0][2], passage[-1][3]
    return "; " + "; ".join(causes) + f'; nearest passage: "{_marked(text, start, end, marks)}"'


def _passage(quote_tokens, window_tokens, ellipsis: bool = False):
    """The passage of a window the quote aligns with: (score, passage tokens, opcodes), or None.

    The passage runs from the token the quote's first match is on to its
    last, widened by as many tokens as the quote has unmatched at either
    end. Matches are of folded tokens; the score is the characters matched
    folded, then as written, then the shorter passage.

    A match at either end that lies past source words the quote does not
    have is let go when those words weigh more than it (counted at half, in
    characters): "user data abroad" against "user data locally. [...]
    its servers abroad" is a quote that says 'abroad' for 'locally', not
    one that leaves out a sentence. Not so for a quote with an ellipsis,
    which does leave words out.
    """
    a = [t[1] for t in quote_tokens]
    best = None
    # aligned as written, and folded: the first finds a passage that differs
    # in one word where an earlier one differs in case all along
    for form in (0, 1):
        blocks = SequenceMatcher(
            None, [t[form] for t in quote_tokens], [t[form] for t in window_tokens], autojunk=False
        ).get_matching_blocks()
        blocks = [m for m in blocks if m.size]
        if not ellipsis:
            blocks = _without_detached(blocks, quote_tokens, window_tokens)
        if not blocks:
            continue
        first, last = blocks[0], blocks[-1]
        lo = max(0, first.b - first.a)
        hi = min(len(window_tokens), last.b + last.size + (len(a) - last.a - last.size))
        passage = window_tokens[lo:hi]
        ops = SequenceMatcher(None, a, [t[1] for t in passage], autojunk=False).get_opcodes()
        equal = [
            (q, s) for tag, i1, i2, j1, j2 in ops if tag == "equal" for q, s in zip(quote_tokens[i1:i2], passage[j1:j2])
        ]
        score = (
            sum(len(q[1]) for q, _ in equal),
            sum(len(q[0]) for q, s in equal if q[0] == s[0]),
            -len(passage),
        )
        if best is None or score > best[0]:
            best = score, passage, ops
    return best


def _without_detached(blocks, quote_tokens, window_tokens):
    """Matching blocks less those at either end that lie past more source words than they match."""

    def chars(tokens):
        return sum(len(t[0]) for t in tokens)

    def gap(before, after):
        """Characters of source the quote does not have between two blocks."""
        skipped = chars(window_tokens[before.b + before.size : after.b])
        return skipped - chars(quote_tokens[before.a + before.size : after.a])

    def matched(run):
        return sum(chars(quote_tokens[m.a : m.a + m.size]) for m in run)

    while len(blocks) > 1:
        end = len(blocks) - 1
        # the last gap whose matches after it weigh less than half of it
        cut = next(
            (i for i in range(end, 0, -1) if gap(blocks[i - 1], blocks[i]) / 2 > matched(blocks[i:])), None
        )
        if cut is not None:
            blocks = blocks[:cut]
            continue
        cut = next(
            (i for i in range(1, len(blocks)) if gap(blocks[i - 1], blocks[i]) / 2 > matched(blocks[:i])), None
        )
        if cut is None:
            break
        blocks = blocks[cut:]
    return blocks


def _repeats(tokens: list[str], i1: int, i2: int) -> bool:
    """Whether tokens[i1:i2] repeat the tokens just before or just after them."""
    n = i2 - i1
    return tokens[i1 - n : i1] == tokens[i1:i2] or tokens[i2 : i2 + n] == tokens[i1:i2]


def _counted(pairs):
    counts = {}
    for pair in pairs:
        counts[pair] = counts.get(pair, 0) + 1
    return counts.items()


#: Unchanged text kept on either side of a marked difference in a long passage.
_CONTEXT = 30


def _marked(text: str, start: int, end: int, marks) -> str:
    """text[start:end] with each marked span in [brackets]; in a long passage, long unchanged stretches cut to '…'."""
    if end - start <= 4 * _CONTEXT:
        return "".join(_bracketed(text, start, end, marks))
    out, position = [], start
    for a, b in sorted(marks):
        if a < position:
            continue
        out.append(_unchanged(text[position:a], first=position == start, last=False))
        out.append(f"[{text[a:b]}]")
        position = b
    out.append(_unchanged(text[position:end], first=position == start, last=True))
    return "".join(out)


def _bracketed(text: str, start: int, end: int, marks):
    position = start
    for a, b in sorted(marks):
        if a < position:
            continue
        yield text[position:a]
        yield f"[{text[a:b]}]"
        position = b
    yield text[position:end]


def _unchanged(stretch: str, first: bool, last: bool) -> str:
    if first and last:
        if len(stretch) <= 4 * _CONTEXT:
            return stretch
        return _words_to(stretch[: 2 * _CONTEXT]) + "\u2026" + _words_from(stretch[-2 * _CONTEXT :])
    if first:
        return stretch if len(stretch) <= _CONTEXT else "\u2026" + _words_from(stretch[-_CONTEXT:])
    if last:
        return stretch if len(stretch) <= _CONTEXT else _words_to(stretch[:_CONTEXT]) + "\u2026"
    if len(stretch) <= 2 * _CONTEXT:
        return stretch
    return _words_to(stretch[:_CONTEXT]) + "\u2026" + _words_from(stretch[-_CONTEXT:])


def _words_from(piece: str) -> str:
    """`piece` from its first whole word (it was cut from the end of a longer stretch)."""
    space = piece.find(" ")
    return piece[space:] if 0 <= space < len(piece) // 2 else piece


def _words_to(piece: str) -> str:
    """`piece` up to its last whole word (it was cut from the start of a longer stretch)."""
    space = piece.rfind(" ")
    return piece[: space + 1] if space > len(piece) // 2 else piece


# -- CSV records -----------------------------------------------------------------------------


def split_cell_hint(record: str, header: list[str]) -> str:
    """For a record with more fields than `header`: which cell an unquoted comma likely split.

    The piece after an unquoted comma in prose starts with a space (``next
    year, Dawn has learnt``): the cell before the first such piece is named,
    with the value it should have, in double quotes. Without such a piece
    only the rule is given.

    Examples
    --------
    >>> print(split_cell_hint("c2,acme,next year, Dawn has learnt,s1", ["claim_id", "subject", "quote", "source"]))
    : a cell that contains a comma must be in double quotes; the quote cell looks split at its comma: write it as "next year, Dawn has learnt"
    >>> print(split_cell_hint("a,b,c", ["x", "y"]))
    : a cell that contains a comma must be in double quotes
    """
    rule = ": a cell that contains a comma must be in double quotes"
    try:
        cells = next(csv.reader(io.StringIO(record, newline="")), [])
    except csv.Error:
        return rule
    extra = len(cells) - len(header)
    if extra <= 0:
        return rule
    for j in range(1, len(cells)):
        if cells[j][:1] == " " and cells[j].strip() and cells[j - 1].strip() and j - 1 < len(header):
            value = ",".join(cells[j - 1 : j + extra])
            if len(value) > 80:
                value = value[:38] + "\u2026" + value[-38:]
            shown = '"' + value.replace('"', '""') + '"'
            return f"{rule}; the {header[j - 1]} cell looks split at its comma: write it as {shown}"
    return rule
