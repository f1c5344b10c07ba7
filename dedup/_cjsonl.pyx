# cython: language_level=3, boundscheck=False, wraparound=False
"""The `html` member of a pages.jsonl line as UTF-8 bytes, without decoding the line whole.

`json.loads` would decode the line to text, unescape the HTML into a str, and the parser would
encode that str back to UTF-8: three passes over the largest part of every line. `html_member`
finds the member's string in the raw bytes and unescapes it straight to the bytes
`str.encode("utf-8", "surrogatepass")` would give. It answers None whenever it is not sure
(a key written with escapes, a repeated `html` key, a value that is not a string, bytes that
are not strict UTF-8, a raw control character, a bad escape, a line that ends early): the
caller then reads the line with `json.loads`, which also gives the error message. The rest of
the line is always checked by `json.loads` (tests/test_jsonl_member.py compares both paths).

Built when the package is installed; `dedup.pages` falls back to `json.loads` without it.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memcpy

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)


cdef inline Py_ssize_t _skip_space(const unsigned char* s, Py_ssize_t i, Py_ssize_t n) noexcept:
    while i < n and (s[i] == 32 or s[i] == 9 or s[i] == 10 or s[i] == 13):
        i += 1
    return i


cdef Py_ssize_t _string_end(const unsigned char* s, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Position after the JSON string that starts at s[i] (a quote); -1 if it does not end."""
    i += 1
    while i < n:
        if s[i] == 92:  # backslash: the next byte is escaped
            i += 2
        elif s[i] == 34:
            return i + 1
        else:
            i += 1
    return -1


cdef Py_ssize_t _value_end(const unsigned char* s, Py_ssize_t i, Py_ssize_t n) noexcept:
    """Position after the JSON value that starts at s[i]; -1 if it does not end."""
    cdef Py_ssize_t depth = 0
    if s[i] == 34:
        return _string_end(s, i, n)
    while i < n:
        if s[i] == 34:
            i = _string_end(s, i, n)
            if i < 0:
                return -1
            continue
        if s[i] == 123 or s[i] == 91:  # { [
            depth += 1
        elif s[i] == 125 or s[i] == 93:  # } ]
            if depth == 0:
                return i
            depth -= 1
            if depth == 0:
                return i + 1
        elif s[i] == 44 and depth == 0:  # ,
            return i
        i += 1
    return -1


cdef inline int _hex(unsigned char c) noexcept:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


cdef inline long _escaped_unit(const unsigned char* s, Py_ssize_t i, Py_ssize_t n) noexcept:
    """The code unit of `\\uXXXX` at s[i] (the backslash); -1 if there is none."""
    cdef int k, digit
    cdef long unit = 0
    if i + 6 > n or s[i + 1] != 117:  # u
        return -1
    for k in range(2, 6):
        digit = _hex(s[i + k])
        if digit < 0:
            return -1
        unit = unit * 16 + digit
    return unit


cdef inline Py_ssize_t _put(char* out, long ch) noexcept:
    """Write code point `ch` as UTF-8 (a lone surrogate as its three bytes); the byte count."""
    if ch < 0x80:
        out[0] = <char>ch
        return 1
    if ch < 0x800:
        out[0] = <char>(0xC0 | (ch >> 6))
        out[1] = <char>(0x80 | (ch & 0x3F))
        return 2
    if ch < 0x10000:
        out[0] = <char>(0xE0 | (ch >> 12))
        out[1] = <char>(0x80 | ((ch >> 6) & 0x3F))
        out[2] = <char>(0x80 | (ch & 0x3F))
        return 3
    out[0] = <char>(0xF0 | (ch >> 18))
    out[1] = <char>(0x80 | ((ch >> 12) & 0x3F))
    out[2] = <char>(0x80 | ((ch >> 6) & 0x3F))
    out[3] = <char>(0x80 | (ch & 0x3F))
    return 4


cdef inline int _utf8_width(const unsigned char* s, Py_ssize_t i, Py_ssize_t n, long* ch) noexcept:
    """Bytes of the strict UTF-8 sequence at s[i] (s[i] >= 0x80), its code point in ch; 0 if invalid."""
    cdef unsigned char c = s[i]
    cdef int width, k
    cdef unsigned char low = 0x80, high = 0xBF
    if 0xC2 <= c <= 0xDF:
        width = 2
        ch[0] = c & 0x1F
    elif 0xE0 <= c <= 0xEF:
        width = 3
        ch[0] = c & 0x0F
        if c == 0xE0:
            low = 0xA0
        elif c == 0xED:
            high = 0x9F
    elif 0xF0 <= c <= 0xF4:
        width = 4
        ch[0] = c & 0x07
        if c == 0xF0:
            low = 0x90
        elif c == 0xF4:
            high = 0x8F
    else:
        return 0
    if i + width > n or not (low <= s[i + 1] <= high):
        return 0
    for k in range(1, width):
        if k > 1 and not (0x80 <= s[i + k] <= 0xBF):
            return 0
        ch[0] = (ch[0] << 6) | (s[i + k] & 0x3F)
    return width


cdef bint _PLAIN[256]  # bytes copied as they are: printable ASCII but the quote and backslash
for _byte in range(256):
    _PLAIN[_byte] = 0x20 <= _byte < 0x80 and _byte != 34 and _byte != 92


cdef object _unescaped(const unsigned char* s, Py_ssize_t start, Py_ssize_t n):
    """(end, UTF-8 bytes, all white space, index of the first NUL character or -1) of the JSON
    string whose body starts at s[start] (`end`: after its closing quote); None where
    `json.loads` would read it differently or fail."""
    cdef char* out = <char*>PyMem_Malloc(n - start + 1)  # unescaping never lengthens
    if out == NULL:
        raise MemoryError()
    try:
        return _unescape_into(s, start, n, out)
    finally:
        PyMem_Free(out)


cdef object _unescape_into(const unsigned char* s, Py_ssize_t start, Py_ssize_t n, char* out):
    cdef Py_ssize_t i = start, j, size = 0, first_nul = -1
    cdef bint blank = True
    cdef long ch = 0, low
    cdef int width
    cdef unsigned char c
    while True:
        j = i
        while j < n and _PLAIN[s[j]]:  # a run of plain bytes, copied whole
            j += 1
        if j > i:
            memcpy(out + size, s + i, j - i)
            size += j - i
            while blank and i < j:
                blank = Py_UNICODE_ISSPACE(s[i])
                i += 1
            i = j
        if i >= n:
            return None  # the string does not end
        c = s[i]
        if c == 34:
            return i + 1, PyBytes_FromStringAndSize(out, size), blank, first_nul
        if c == 92:  # an escape
            if i + 1 >= n:
                return None
            c = s[i + 1]
            if c == 34 or c == 92 or c == 47:
                ch = c
            elif c == 110:
                ch = 10
            elif c == 116:
                ch = 9
            elif c == 114:
                ch = 13
            elif c == 98:
                ch = 8
            elif c == 102:
                ch = 12
            elif c == 117:  # \uXXXX, a surrogate pair joined
                ch = _escaped_unit(s, i, n)
                if ch < 0:
                    return None
                i += 4
                if 0xD800 <= ch <= 0xDBFF and i + 2 < n and s[i + 2] == 92:
                    low = _escaped_unit(s, i + 2, n)
                    if 0xDC00 <= low <= 0xDFFF:
                        ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                if ch == 0 and first_nul < 0:
                    first_nul = _characters(out, size)
            else:
                return None
            if ch < 0x80:
                out[size] = <char>ch
                size += 1
            else:
                size += _put(out + size, ch)
            i += 2
        elif c < 0x20:
            return None  # a raw control character: json.loads refuses it
        else:
            width = _utf8_width(s, i, n, &ch)
            if not width:
                return None
            memcpy(out + size, s + i, width)
            size += width
            i += width
        if blank:
            blank = Py_UNICODE_ISSPACE(<Py_UCS4>ch)


cdef Py_ssize_t _characters(const char* utf8, Py_ssize_t size) noexcept:
    """Characters in UTF-8 bytes (a lone surrogate's three bytes count as one)."""
    cdef Py_ssize_t k, count = 0
    for k in range(size):
        if (<unsigned char>utf8[k]) & 0xC0 != 0x80:
            count += 1
    return count


def html_member(bytes line):
    """(start, end, html, blank, first_nul) for the top-level `html` string of a JSON object
    line: `line[start:end]` is the string with its quotes, `html` its UTF-8 bytes, `blank`
    whether it is all white space (as `str.strip` sees it), `first_nul` the index of its first
    NUL character (-1: none). None when unsure (see the module's docstring)."""
    cdef const unsigned char* s = <const unsigned char*>PyBytes_AS_STRING(line)
    cdef Py_ssize_t n = len(line), i, key, value, after, start = -1
    found = None
    i = _skip_space(s, 0, n)
    if i >= n or s[i] != 123:
        return None
    i = _skip_space(s, i + 1, n)
    while i < n and s[i] != 125:
        if s[i] != 34:
            return None
        key = i
        after = _string_end(s, i, n)
        if after < 0:
            return None
        for i in range(key + 1, after - 1):
            if s[i] == 92:
                return None  # an escaped key might spell "html"
        i = _skip_space(s, after, n)
        if i >= n or s[i] != 58:  # :
            return None
        value = _skip_space(s, i + 1, n)
        if value >= n:
            return None
        if after - key == 6 and s[key + 1] == 104 and s[key + 2] == 116 and s[key + 3] == 109 and s[key + 4] == 108:
            if found is not None or s[value] != 34:
                return None
            found = _unescaped(s, value + 1, n)
            if found is None:
                return None
            start, i = value, found[0]
        else:
            i = _value_end(s, value, n)
            if i < 0:
                return None
        i = _skip_space(s, i, n)
        if i < n and s[i] == 44:
            i = _skip_space(s, i + 1, n)
        elif i >= n or s[i] != 125:
            return None
    if found is None:
        return None
    return (start, *found)
