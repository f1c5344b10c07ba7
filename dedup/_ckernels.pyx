# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled loops for `dedup.tokens`, `dedup.sketch`, `dedup.normalize`, `dedup.stories`,
`dedup.canonical`, `dedup.lines` and `dedup.arrays`.

Each gives exactly what the numpy or Python path it replaces gives (tests/test_sketch.py,
test_tokens.py, test_normalize.py, test_canonical.py and test_lines.py check):

- `word_hashes`: a word is a run of characters for which `str.isalnum()` holds or `_`; its
  hash is the polynomial sum of (code point + 1) * P**k over its characters (modulo 2**64,
  P = FNV-1a's 64-bit prime, the last character k = 0), through MurmurHash3's 64-bit finalizer.
- `ngram_hashes`: a 32-bit hash of every run of n units of a set (word or character shingles).
- `minhash`: for every shingle hash x of a set and every permutation p, MurmurHash3's 32-bit
  finalizer on x, then (a[p] * x + b[p]) mod 2**32, the minimum kept per permutation:
  datasketch's "affine32" scheme. The loop over permutations is vectorised by the compiler
  (AVX2 where the CPU has it).
- `casefolded_key`: the steps of `normalize` after NFKC (case folding, digits, typography, white
  space; a text of Latin-1 characters is case-folded in the same pass).
- `opcodes`: difflib's `SequenceMatcher` opcodes for sequences of integers (`dedup.canonical`).
- `joined_json`: slices of the corpus's encoded texts joined (`dedup.lines`).
- `equal_share`: the share of equal values in pairs of signature rows (`dedup.stories`).
- `distinct_per_page`: distinct page values (stories, outlets) per owner of occurrences
  (`dedup.arrays`).

Built when the package is installed; the callers fall back to numpy and Python when it is
missing.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_READ
from libc.stdint cimport int64_t, uint32_t, uint64_t
from libc.string cimport memcpy

import numpy as np

cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    bint Py_UNICODE_ISDECIMAL(Py_UCS4 ch)
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    int PyUnicode_1BYTE_KIND
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND

cdef extern from *:
    """
    #include <stdint.h>
    #if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
    #define WIREDUP_CLONES __attribute__((target_clones("avx2", "default")))
    #else
    #define WIREDUP_CLONES
    #endif

    static inline uint32_t wiredup_fmix32(uint32_t h) {
        h ^= h >> 16; h *= 0x85EBCA6BU; h ^= h >> 13; h *= 0xC2B2AE35U; return h ^ (h >> 16);
    }

    WIREDUP_CLONES
    static void wiredup_minhash(const uint32_t *restrict shingles, const int64_t *restrict offsets, int64_t n_sets,
                                const uint32_t *restrict a, const uint32_t *restrict b, int64_t num_perm,
                                uint32_t *restrict out) {
        for (int64_t i = 0; i < n_sets; i++) {
            if (offsets[i] == offsets[i + 1]) continue;
            uint32_t *restrict row = out + i * num_perm;
            for (int64_t p = 0; p < num_perm; p++) row[p] = UINT32_MAX;
            for (int64_t j = offsets[i]; j < offsets[i + 1]; j++) {
                const uint32_t x = wiredup_fmix32(shingles[j]);
                for (int64_t p = 0; p < num_perm; p++) {
                    const uint32_t h = a[p] * x + b[p];
                    row[p] = h < row[p] ? h : row[p];
                }
            }
        }
    }
    """
    void wiredup_minhash(const uint32_t* shingles, const int64_t* offsets, int64_t n_sets,
                         const uint32_t* a, const uint32_t* b, int64_t num_perm, uint32_t* out) nogil


def minhash(const uint32_t[::1] shingles, const int64_t[::1] offsets, const uint32_t[::1] a, const uint32_t[::1] b,
            uint32_t[:, ::1] out) -> None:
    """Fill row i of `out` with the signature of set i (`shingles[offsets[i]:offsets[i + 1]]`);
    rows of empty sets are left as they are."""
    cdef int64_t n_sets = offsets.shape[0] - 1
    if n_sets <= 0:
        return
    if out.shape[0] < n_sets or out.shape[1] != a.shape[0] or b.shape[0] != a.shape[0]:
        raise ValueError("out must have a row per set and a column per permutation")
    if offsets[0] < 0 or offsets[n_sets] > shingles.shape[0]:
        raise ValueError("offsets point outside the shingles")
    with nogil:
        wiredup_minhash(&shingles[0] if shingles.shape[0] else NULL, &offsets[0], n_sets, &a[0], &b[0], a.shape[0], &out[0, 0])


cdef inline uint64_t _fmix64(uint64_t h) noexcept nogil:
    h ^= h >> 33
    h *= 0xFF51AFD7ED558CCDULL
    h ^= h >> 33
    h *= 0xC4CEB9FE1A85EC53ULL
    return h ^ (h >> 33)


cdef bint _LATIN1_WORD[256]
for _code in range(256):
    _LATIN1_WORD[_code] = chr(_code).isalnum() or _code == 0x5F


cdef inline bint _is_word(Py_UCS4 ch) noexcept:
    return _LATIN1_WORD[ch] if ch < 256 else (Py_UNICODE_ISALNUM(ch) or ch == 0x5F)


def word_hashes(list texts):
    """(hashes, offsets): the 64-bit hash of every word of each text; text i owns
    `hashes[offsets[i]:offsets[i + 1]]`."""
    cdef Py_ssize_t n = len(texts), i, j, length, total = 0, count = 0
    cdef str text
    for text in texts:
        if text is None:
            raise TypeError("word_hashes takes a list of str")
        total += len(text) // 2 + 1  # a word takes at least one character and one separator
    hashes = np.empty(total, dtype=np.uint64)
    offsets = np.empty(n + 1, dtype=np.int64)
    cdef uint64_t[::1] out = hashes
    cdef int64_t[::1] bounds = offsets
    cdef uint64_t h = 0
    cdef bint inside
    cdef Py_UCS4 ch
    cdef int kind
    cdef void* data
    bounds[0] = 0
    for i in range(n):
        text = texts[i]
        kind, data, length = PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)
        inside = False
        for j in range(length):
            ch = PyUnicode_READ(kind, data, j)
            if _is_word(ch):
                h = (h * 0x100000001B3ULL + <uint64_t>ch + 1) if inside else <uint64_t>ch + 1
                inside = True
            elif inside:
                out[count] = _fmix64(h)
                count += 1
                inside = False
        if inside:
            out[count] = _fmix64(h)
            count += 1
        bounds[i + 1] = count
    return hashes[:count].copy(), offsets


cdef uint64_t[8] _MIXERS
_MIXERS[:] = [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93,
              0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3]


def ngram_hashes(const uint64_t[::1] units, const int64_t[::1] offsets, int n):
    """(hashes, offsets): a 32-bit hash of every run of `n` consecutive units inside each set
    (one hash of the whole set if it is shorter); set i owns `units[offsets[i]:offsets[i + 1]]`.
    A run's hash: the sum of its units times odd mixers, folded from 64 to 32 bits."""
    cdef Py_ssize_t n_sets = offsets.shape[0] - 1, i, total = 0
    cdef int64_t start, length, p, k, count = 0
    if n < 1:
        raise ValueError("n must be at least 1")
    for i in range(n_sets):
        length = offsets[i + 1] - offsets[i]
        if length < 0 or offsets[i] < 0 or offsets[i + 1] > units.shape[0]:
            raise ValueError("offsets must rise and stay inside the units")
        total += length - n + 1 if length >= n else (1 if length > 0 else 0)
    hashes = np.empty(total, dtype=np.uint32)
    out_offsets = np.empty(n_sets + 1, dtype=np.int64)
    cdef uint32_t[::1] out = hashes
    cdef int64_t[::1] bounds = out_offsets
    cdef uint64_t acc
    with nogil:
        bounds[0] = 0
        for i in range(n_sets):
            start, length = offsets[i], offsets[i + 1] - offsets[i]
            if 0 < length < n:
                acc = 0
                for k in range(length):
                    acc += units[start + k] * _MIXERS[k % 8]
                out[count] = <uint32_t>((acc >> 32) ^ (acc & 0xFFFFFFFFULL))
                count += 1
            else:
                for p in range(start, start + length - n + 1):
                    acc = 0
                    for k in range(n):
                        acc += units[p + k] * _MIXERS[k % 8]
                    out[count] = <uint32_t>((acc >> 32) ^ (acc & 0xFFFFFFFFULL))
                    count += 1
            bounds[i + 1] = count
    return hashes, out_offsets


cdef Py_UCS4 _LATIN1_FOLDED[256]  # a Latin-1 character case-folded (but ß -> "ss" and µ -> a Greek letter)
cdef unsigned char _LATIN1_CLASS[256]  # 0: other, 1: white space, 2: decimal digit, 3: quote, 4: dash, 5: invisible
cdef unsigned char _PUNCTUATION_CLASS[0x70]  # the same classes for U+2000..U+206F (General Punctuation)
cdef enum:  # character classes
    C_OTHER = 0
    C_SPACE = 1
    C_DIGIT = 2
    C_QUOTE = 3
    C_DASH = 4
    C_INVISIBLE = 5

#: The typographic characters of `dedup.normalize` (the same strings; tests/test_typography.py
#: checks both and every code point's class).
QUOTES = (
    "\"'`\u00ab\u00bb\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2035\u2039\u203a"
    "\u275b\u275c\u275d\u275e\u2e42\u301d\u301e\u301f"
)
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b"
INVISIBLE = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


def _typography_class(str ch):
    return C_QUOTE if ch in QUOTES else C_DASH if ch in DASHES else C_INVISIBLE if ch in INVISIBLE else C_OTHER


for _code in range(256):
    _LATIN1_CLASS[_code] = C_SPACE if chr(_code).isspace() else C_DIGIT if chr(_code).isdecimal() else _typography_class(chr(_code))
    _LATIN1_FOLDED[_code] = ord(chr(_code).casefold()[0])
for _code in range(0x70):
    _PUNCTUATION_CLASS[_code] = _typography_class(chr(0x2000 + _code))


cdef inline int _class_of(uint32_t ch) noexcept:
    """The class of a character that is not Latin-1 (the typographic ones outside General
    Punctuation written out: they are few)."""
    if Py_UNICODE_ISSPACE(<Py_UCS4>ch):
        return C_SPACE
    if Py_UNICODE_ISDECIMAL(<Py_UCS4>ch):
        return C_DIGIT
    if ch < 0x2000:
        return C_QUOTE if ch == 0x02BC else C_INVISIBLE if ch == 0x180E else C_OTHER
    if ch < 0x2070:
        return _PUNCTUATION_CLASS[ch - 0x2000]
    if ch < 0x2212:
        return C_OTHER
    if ch == 0x2212 or ch == 0x2E3A or ch == 0x2E3B:
        return C_DASH
    if 0x275B <= ch <= 0x275E or ch == 0x2E42 or 0x301D <= ch <= 0x301F:
        return C_QUOTE
    return C_INVISIBLE if ch == 0xFEFF else C_OTHER


def casefolded_key(str text):
    """`text` case-folded, with every decimal digit (what `re`'s \\d matches) as "0", every
    run of white space (what `str.split` splits on) as one space, none at either end, and the
    typography of `dedup.normalize` folded: a run of quotation marks as one "'", a run of dashes
    with the spaces around them as one "-", invisible characters dropped. A text of Latin-1
    characters is case-folded in the same pass, through byte tables."""
    cdef bint latin1 = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND
    if not latin1:
        text = text.casefold()
    cdef Py_ssize_t n = len(text), i, out = 0
    cdef int kind = PyUnicode_KIND(text), kind_of_char
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    cdef bint pending = False, changed = False
    cdef Py_UCS4* buffer = <Py_UCS4*>PyMem_Malloc((2 * n if n else 1) * sizeof(Py_UCS4))  # ß becomes "ss"
    if buffer == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            if latin1 or ch < 256:
                kind_of_char = _LATIN1_CLASS[ch]
            else:
                kind_of_char = _class_of(<uint32_t>ch)
            if kind_of_char == C_SPACE:
                pending = out > 0 and buffer[out - 1] != 45  # no space after a dash
                changed = changed or ch != 32  # a dropped space shortens the text instead
                continue
            if kind_of_char == C_INVISIBLE:
                continue  # shortens the text
            if kind_of_char == C_DASH:
                if out > 0 and buffer[out - 1] == 45:
                    continue  # a run of dashes is one
                pending = False  # no space before a dash
                changed = changed or ch != 45
                ch = 45
            elif kind_of_char == C_QUOTE:
                if out > 0 and buffer[out - 1] == 39 and not pending:
                    continue  # a run of quotation marks is one
                changed = changed or ch != 39
                ch = 39
            if pending:
                buffer[out] = 32
                out += 1
                pending = False
            if kind_of_char == C_DIGIT:
                changed = changed or ch != 48
                ch = 48
            elif latin1 and kind_of_char == C_OTHER:
                if ch == 0xB5:  # the micro sign folds to a Greek letter: the text is no Latin-1 key
                    return casefolded_key(text.casefold())
                if ch == 0xDF:  # ß folds to "ss"
                    buffer[out] = 115
                    out += 1
                    ch = 115
                    changed = True
                elif _LATIN1_FOLDED[ch] != ch:
                    ch = _LATIN1_FOLDED[ch]
                    changed = True
            buffer[out] = ch
            out += 1
        if not changed and out == n:
            return text
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, out)
    finally:
        PyMem_Free(buffer)


cdef void _longest_match(const int64_t* a, const int64_t* b, Py_ssize_t alo, Py_ssize_t ahi, Py_ssize_t blo,
                         Py_ssize_t bhi, Py_ssize_t* row, Py_ssize_t* previous, Py_ssize_t* found) noexcept:
    """difflib's `find_longest_match` without junk: the longest common run, the first to end
    (in a, then in b) among the longest; `row` and `previous` hold b's length + 1 slots."""
    cdef Py_ssize_t i, j, k, besti = alo, bestj = blo, bestsize = 0
    cdef Py_ssize_t* swap
    for j in range(blo, bhi + 1):
        previous[j] = 0
    for i in range(alo, ahi):
        row[blo] = 0
        for j in range(blo, bhi):
            if a[i] == b[j]:
                k = previous[j] + 1
                row[j + 1] = k
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            else:
                row[j + 1] = 0
        swap = previous
        previous = row
        row = swap
    while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
        besti -= 1
        bestj -= 1
        bestsize += 1
    while besti + bestsize < ahi and bestj + bestsize < bhi and a[besti + bestsize] == b[bestj + bestsize]:
        bestsize += 1
    found[0], found[1], found[2] = besti, bestj, bestsize


def opcodes(tuple a, tuple b):
    """`difflib.SequenceMatcher(None, a, b, autojunk=False)`'s `get_opcodes()` for sequences of
    integers, and the number of matched items (for `ratio()`)."""
    cdef Py_ssize_t la = len(a), lb = len(b), n, i, j, k, alo, ahi, blo, bhi
    cdef Py_ssize_t found[3]
    cdef int64_t* ints = <int64_t*> PyMem_Malloc((la + lb + 1) * sizeof(int64_t))
    cdef Py_ssize_t* rows = <Py_ssize_t*> PyMem_Malloc(2 * (lb + 1) * sizeof(Py_ssize_t))
    if ints == NULL or rows == NULL:
        PyMem_Free(ints)
        PyMem_Free(rows)
        raise MemoryError()
    try:
        for n in range(la):
            ints[n] = a[n]
        for n in range(lb):
            ints[la + n] = b[n]
        blocks = []
        queue = [(0, la, 0, lb)]
        while queue:
            alo, ahi, blo, bhi = queue.pop()
            _longest_match(ints, ints + la, alo, ahi, blo, bhi, rows, rows + lb + 1, found)
            i, j, k = found[0], found[1], found[2]
            if k:
                blocks.append((i, j, k))
                if alo < i and blo < j:
                    queue.append((alo, i, blo, j))
                if i + k < ahi and j + k < bhi:
                    queue.append((i + k, ahi, j + k, bhi))
    finally:
        PyMem_Free(ints)
        PyMem_Free(rows)
    blocks.sort()
    joined = []
    cdef Py_ssize_t i1 = 0, j1 = 0, k1 = 0, matched = 0
    for i, j, k in blocks:
        matched += k
        if i1 + k1 == i and j1 + k1 == j:
            k1 += k
        else:
            if k1:
                joined.append((i1, j1, k1))
            i1, j1, k1 = i, j, k
    if k1:
        joined.append((i1, j1, k1))
    joined.append((la, lb, 0))
    answer = []
    i = j = 0
    for i1, j1, k1 in joined:
        if i < i1 and j < j1:
            answer.append(("replace", i, i1, j, j1))
        elif i < i1:
            answer.append(("delete", i, i1, j, j1))
        elif j < j1:
            answer.append(("insert", i, i1, j, j1))
        i, j = i1 + k1, j1 + k1
        if k1:
            answer.append(("equal", i1, i, j1, j))
    return answer, matched


def joined_json(const unsigned char[::1] encoded, const int64_t[::1] ends, ids, bytes separator, bint unquoted=False):
    """The JSON strings `encoded[ends[t]:ends[t + 1]]` of the texts `t` in `ids` (integers)
    joined by `separator`; `unquoted`: each without its enclosing quotes."""
    cdef Py_ssize_t n = len(ids), k = 0, total = 0, size, trim = 1 if unquoted else 0, gap = len(separator)
    cdef int64_t t
    cdef int64_t* texts = <int64_t*> PyMem_Malloc((n + 1) * sizeof(int64_t))
    cdef char* out
    cdef const char* sep = separator
    if texts == NULL:
        raise MemoryError()
    try:
        for item in ids:
            t = item
            if t < 0 or t + 1 >= ends.shape[0]:
                raise IndexError(f"text {t} out of range")
            texts[k] = t
            total += ends[t + 1] - ends[t] - 2 * trim
            k += 1
        result = PyBytes_FromStringAndSize(NULL, total + gap * (n - 1) if n else 0)
        out = PyBytes_AS_STRING(result)
        for k in range(n):
            if k:
                memcpy(out, sep, gap)
                out += gap
            size = ends[texts[k] + 1] - ends[texts[k]] - 2 * trim
            memcpy(out, &encoded[ends[texts[k]] + trim], size)
            out += size
        return result
    finally:
        PyMem_Free(texts)


def equal_share(const uint32_t[:, ::1] signatures, const int64_t[::1] a, const int64_t[::1] b):
    """For each pair (a[i], b[i]) the share of equal values in the two signature rows."""
    cdef Py_ssize_t n = a.shape[0], rows = signatures.shape[0], width = signatures.shape[1], i, k
    cdef int64_t x, y
    cdef Py_ssize_t same
    out = np.empty(n, dtype=np.float64)
    cdef double[::1] share = out
    for i in range(n):
        x, y = a[i], b[i]
        if x < 0 or x >= rows or y < 0 or y >= rows:
            raise IndexError(f"row pair ({x}, {y}) out of range")
        same = 0
        for k in range(width):
            same += signatures[x, k] == signatures[y, k]
        share[i] = <double>same / width if width else 0.0
    return out


def distinct_per_page(const int64_t[::1] owner, const int64_t[::1] offsets, const int64_t[::1] page_value,
                      const int64_t[::1] order, Py_ssize_t size):
    """For each owner id < `size`, how many distinct page values its occurrences have: the
    occurrences of page p are `owner[offsets[p]:offsets[p + 1]]`, and `order` lists the pages
    with equal values next to each other. Every owner remembers the last value counted for it."""
    cdef Py_ssize_t pages = offsets.shape[0] - 1, k, i
    cdef int64_t p, value, o
    for k in range(order.shape[0]):
        if order[k] < 0 or order[k] >= pages:
            raise IndexError(f"page {order[k]} out of range")
    if offsets[0] < 0 or offsets[pages] > owner.shape[0] or page_value.shape[0] < pages:
        raise IndexError("offsets or page values do not fit the occurrences")
    for i in range(offsets[0], offsets[pages]):
        if owner[i] < 0 or owner[i] >= size:
            raise IndexError(f"owner {owner[i]} out of range")
    counts = np.zeros(size, dtype=np.int64)
    stamps = np.full(size, -1, dtype=np.int64)
    cdef int64_t[::1] count = counts, stamp = stamps
    with nogil:
        for k in range(order.shape[0]):
            p = order[k]
            value = page_value[p]
            for i in range(offsets[p], offsets[p + 1]):
                o = owner[i]
                if stamp[o] != value:
                    stamp[o] = value
                    count[o] += 1
    return counts
