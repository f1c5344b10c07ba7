# cython: language_level=3, boundscheck=False, wraparound=False
"""`dedup.blocks._walk` over libxml2's nodes directly, without an lxml proxy per element.

Built when the package is installed (Cython and a C compiler); `dedup.blocks` falls back to the
Python walk when this module is missing. Both give the same result on every tree
(tests/test_blocks.py checks them against each other and against a recursive reference).

Per element the walk does no Python work: an element's signature and its tag's kind are looked
up in a C hash table keyed by the tag and class bytes (filled by calling the Python
`signature` once per new key), a block's context in a second table keyed by the three
signature objects, and a block's text is folded (runs of white space to one space, as
`" ".join(text.split())`) on its UTF-8 bytes before it is decoded once.

`page_walk` runs the same walk on the events of libxml2's HTML parser, so most pages build no
tree (see the section at the end). Given a `TextIds`, it numbers the block texts by their bytes
in a third table instead of returning them: a text seen before costs no `str` and no dict lookup.
"""

from lxml.includes.tree cimport xmlAttr, xmlNode
cimport lxml.includes.etreepublic as cetree
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdint cimport int64_t, uint64_t
from libc.string cimport memcmp, memcpy, memmove, memset, strcmp, strlen

cetree.import_lxml__etree()

cdef enum:
    ELEMENT_NODE = 1
    TEXT_NODE = 3
    CDATA_NODE = 4
    SKIP = 1
    BLOCK = 2
    H1 = 4
    BR = 8

#: Tables are emptied (between walks) beyond these many entries.
cdef size_t MAX_SIGNATURES = 200_000, MAX_CONTEXTS = 400_000


cdef struct Entry:
    uint64_t hash
    char* key
    size_t size
    PyObject* value  # owned reference
    int flags
    int64_t number  # a text's number (`TextIds`)


cdef struct Table:
    Entry* slots
    size_t mask
    size_t used


cdef inline uint64_t _hash(const char* data, size_t size, uint64_t seed) noexcept nogil:
    """FNV-1a over the bytes, continuing from `seed`."""
    cdef size_t i
    for i in range(size):
        seed = (seed ^ <unsigned char>data[i]) * 1099511628211ULL
    return seed


cdef int _table_init(Table* table, size_t capacity) except -1:
    table.slots = <Entry*>PyMem_Malloc(capacity * sizeof(Entry))
    if table.slots == NULL:
        raise MemoryError()
    memset(table.slots, 0, capacity * sizeof(Entry))
    table.mask = capacity - 1
    table.used = 0
    return 0


cdef void _table_clear(Table* table) noexcept:
    cdef size_t i
    for i in range(table.mask + 1):
        if table.slots[i].key != NULL:
            PyMem_Free(table.slots[i].key)
            Py_XDECREF(table.slots[i].value)
    memset(table.slots, 0, (table.mask + 1) * sizeof(Entry))
    table.used = 0


cdef Entry* _slot(Table* table, uint64_t hash, const char* key, size_t size) noexcept:
    """The entry holding `key`, or the empty slot where it belongs."""
    cdef size_t i = hash & table.mask
    cdef Entry* entry
    while True:
        entry = &table.slots[i]
        if entry.key == NULL or (entry.hash == hash and entry.size == size and memcmp(entry.key, key, size) == 0):
            return entry
        i = (i + 1) & table.mask


cdef int _grow(Table* table) except -1:
    """Double the table (entries keep their values, so references to them stay valid)."""
    cdef Entry* old = table.slots
    cdef size_t n = table.mask + 1, i
    cdef Entry* entry
    _table_init(table, 2 * n)
    for i in range(n):
        if old[i].key != NULL:
            entry = _slot(table, old[i].hash, old[i].key, old[i].size)
            entry[0] = old[i]
            table.used += 1
    PyMem_Free(old)
    return 0


cdef Entry* _insert(Table* table, uint64_t hash, const char* key, size_t size, object value, int flags) except NULL:
    """Store `key` with `value` unless it is there already (making the value may have run Python
    code, which can let another thread, or the same one, insert the key or grow the table since
    the caller looked); returns the key's entry."""
    cdef Entry* slot = _slot(table, hash, key, size)
    if slot.key != NULL:
        return slot
    cdef char* copy = <char*>PyMem_Malloc(size if size else 1)
    if copy == NULL:
        raise MemoryError()
    memcpy(copy, key, size)
    Py_INCREF(value)
    slot.hash, slot.key, slot.size, slot.value, slot.flags = hash, copy, size, <PyObject*>value, flags
    table.used += 1
    if 2 * table.used > table.mask:
        _grow(table)
        return _slot(table, hash, key, size)
    return slot


cdef Table _signatures, _contexts
_table_init(&_signatures, 1024)
_table_init(&_contexts, 4096)


cdef class _Buffer:
    """Growable bytes."""

    cdef char* data
    cdef size_t length, capacity

    def __cinit__(self) -> None:
        self.data, self.length, self.capacity = NULL, 0, 0

    def __dealloc__(self) -> None:
        PyMem_Free(self.data)

    cdef int reserve(self, size_t size) except -1:
        cdef char* grown
        if self.length + size > self.capacity:
            self.capacity = 2 * (self.length + size) + 256
            grown = <char*>PyMem_Realloc(self.data, self.capacity)
            if grown == NULL:
                raise MemoryError()
            self.data = grown
        return 0

    cdef int add(self, const char* piece, size_t size) except -1:
        self.reserve(size)
        memcpy(self.data + self.length, piece, size)
        self.length += size
        return 0


cdef inline size_t _space(const unsigned char* s, size_t left) noexcept nogil:
    """Bytes of the white-space character at `s` (as `str.isspace`), 0 if it is none."""
    cdef unsigned char c = s[0]
    if c == 32 or 9 <= c <= 13 or 28 <= c <= 31:
        return 1
    if c == 0xC2 and left >= 2 and (s[1] == 0x85 or s[1] == 0xA0):
        return 2
    if left < 3:
        return 0
    if c == 0xE1 and s[1] == 0x9A and s[2] == 0x80:
        return 3
    if c == 0xE2 and s[1] == 0x80 and (0x80 <= s[2] <= 0x8A or s[2] == 0xA8 or s[2] == 0xA9 or s[2] == 0xAF):
        return 3
    if c == 0xE2 and s[1] == 0x81 and s[2] == 0x9F:
        return 3
    if c == 0xE3 and s[1] == 0x80 and s[2] == 0x80:
        return 3
    return 0


cdef unsigned char _BYTE_KIND[256]  # 0: part of no white space, 1: ASCII white space, 2: may start a longer one
for _byte in range(256):
    _BYTE_KIND[_byte] = 1 if _byte == 32 or 9 <= _byte <= 13 or 28 <= _byte <= 31 else 2 if _byte in (0xC2, 0xE1, 0xE2, 0xE3) else 0


cdef size_t _fold(char* text, size_t length) noexcept nogil:
    """Fold white space in place: runs become one space, none at either end; the new length."""
    cdef const unsigned char* s = <const unsigned char*>text
    cdef size_t i = 0, j, out = 0, width
    cdef bint pending = False
    while i < length:
        if _BYTE_KIND[s[i]] == 0:  # a run of bytes that start no white space, moved whole
            j = i + 1
            while j < length and _BYTE_KIND[s[j]] == 0:
                j += 1
        else:
            width = 1 if _BYTE_KIND[s[i]] == 1 else _space(s + i, length - i)
            if width:
                pending = out > 0
                i += width
                continue
            j = i + 1
        if pending:
            text[out] = 32
            out += 1
            pending = False
        if out != i:
            memmove(text + out, text + i, j - i)
        out += j - i
        i = j
    return out


cdef Entry* _element(xmlNode* node, _Buffer key, frozenset block_tags, frozenset skip_tags, object signature) except NULL:
    """The signature entry of an element: its signature object and its tag's kind (flags)."""
    cdef xmlAttr* attribute = node.properties
    cdef xmlNode* value
    cdef const char* name = <const char*>node.name
    cdef bint has_class = False
    key.length = 0
    key.add(name, strlen(name) + 1)
    while attribute != NULL:
        if attribute.ns == NULL and strcmp(<const char*>attribute.name, b"class") == 0:
            has_class = True
            value = attribute.children
            while value != NULL:
                if value.content != NULL:
                    key.add(<const char*>value.content, strlen(<const char*>value.content))
                value = value.next
            break
        attribute = attribute.next
    return _entry(key, strlen(name), has_class, block_tags, skip_tags, signature)


cdef Entry* _entry(_Buffer key, size_t name_length, bint has_class, frozenset block_tags, frozenset skip_tags, object signature) except NULL:
    """The signature entry of the tag and class bytes in `key` (the tag, a NUL, the classes)."""
    cdef uint64_t hash = _hash(key.data, key.length, 14695981039346656037ULL + has_class)
    cdef Entry* entry = _slot(&_signatures, hash, key.data, key.length)
    if entry.key != NULL:
        return entry
    cdef const char* name = key.data
    tag = PyUnicode_DecodeUTF8(name, name_length, "surrogateescape")
    classes = PyUnicode_DecodeUTF8(key.data + name_length + 1, key.length - name_length - 1, "surrogateescape") if has_class else None
    cdef int flags = (SKIP if tag in skip_tags else 0) | (BLOCK if tag in block_tags else 0) | (H1 if tag == "h1" else 0) | (BR if tag == "br" else 0)
    return _insert(&_signatures, hash, key.data, key.length, signature(tag, classes), flags)


cdef PyObject* _context(PyObject* grandparent, PyObject* parent, PyObject* own) except NULL:
    """`grandparent>parent>own` (the ancestors that exist), built once per triple of signatures."""
    cdef PyObject* key[3]
    key[0], key[1], key[2] = grandparent, parent, own
    cdef uint64_t hash = _hash(<const char*>key, sizeof(key), 14695981039346656037ULL)
    cdef Entry* entry = _slot(&_contexts, hash, <const char*>key, sizeof(key))
    if entry.key == NULL:
        parts = [<object>own]
        if parent != NULL:
            parts.insert(0, <object>parent)
            if grandparent != NULL:
                parts.insert(0, <object>grandparent)
        entry = _insert(&_contexts, hash, <const char*>key, sizeof(key), ">".join(parts), 0)
    return entry.value


cdef class TextIds


cdef class _Walk:
    """The texts found so far, the open block's text as UTF-8 bytes, and two stacks of C
    pointers: the signatures of the open elements (with their kinds) and the open owners."""

    cdef list texts, contexts
    cdef Py_ssize_t headline
    cdef _Buffer text
    #: Numbered mode (`TextIds`): the block texts wait, folded, for the page's walk to succeed;
    #: the headline's text is kept apart instead.
    cdef TextIds numbering
    cdef _Buffer pending, pending_lengths
    cdef object headline_text
    cdef PyObject** path
    cdef int* kinds
    cdef PyObject** owners
    cdef bint* owner_h1
    cdef size_t depth, owned, capacity

    def __cinit__(self) -> None:
        self.texts, self.contexts, self.headline, self.text = [], [], -1, _Buffer()
        self.numbering, self.pending, self.pending_lengths, self.headline_text = None, _Buffer(), _Buffer(), None
        self.path, self.kinds, self.owners, self.owner_h1 = NULL, NULL, NULL, NULL
        self.depth, self.owned, self.capacity = 0, 0, 0

    def __dealloc__(self) -> None:
        PyMem_Free(self.path)
        PyMem_Free(self.kinds)
        PyMem_Free(self.owners)
        PyMem_Free(self.owner_h1)

    cdef int _room(self) except -1:
        if self.depth < self.capacity and self.owned < self.capacity:
            return 0
        self.capacity = 2 * self.capacity + 64
        self.path = <PyObject**>PyMem_Realloc(self.path, self.capacity * sizeof(PyObject*))
        self.kinds = <int*>PyMem_Realloc(self.kinds, self.capacity * sizeof(int))
        self.owners = <PyObject**>PyMem_Realloc(self.owners, self.capacity * sizeof(PyObject*))
        self.owner_h1 = <bint*>PyMem_Realloc(self.owner_h1, self.capacity * sizeof(bint))
        if self.path == NULL or self.kinds == NULL or self.owners == NULL or self.owner_h1 == NULL:
            raise MemoryError()
        return 0

    cdef int push(self, PyObject* signature, int kind, bint owns) except -1:
        """Open an element; an owner (a block element, or the start) also opens a block."""
        cdef PyObject* parent = self.path[self.depth - 1] if self.depth >= 1 else NULL
        cdef PyObject* grandparent = self.path[self.depth - 2] if self.depth >= 2 else NULL
        self._room()
        if owns:
            self.close_text(self.owners[self.owned - 1] if self.owned else NULL, self.owner_h1[self.owned - 1] if self.owned else False)
            self.owners[self.owned] = _context(grandparent, parent, signature)
            self.owner_h1[self.owned] = (kind & H1) != 0
            self.owned += 1
        self.path[self.depth] = signature
        self.kinds[self.depth] = kind
        self.depth += 1
        return 0

    cdef int pop(self) except -1:
        """Close the innermost open element."""
        self.depth -= 1
        if self.kinds[self.depth] & BLOCK:
            self.owned -= 1
            self.close_text(self.owners[self.owned], self.owner_h1[self.owned])
        return 0

    cdef int close_text(self, PyObject* owner, bint h1) except -1:
        """A block boundary: the text collected so far belongs to `owner`."""
        cdef size_t length = _fold(self.text.data, self.text.length) if self.text.length else 0
        self.text.length = 0
        if length == 0 or owner == NULL:
            return 0
        if self.numbering is not None:
            if h1 and self.headline < 0:
                self.headline = 0
                self.headline_text = PyUnicode_DecodeUTF8(self.text.data, length, "surrogateescape")
                return 0
            self.pending.add(self.text.data, length)
            self.pending_lengths.add(<const char*>&length, sizeof(size_t))
            self.contexts.append(<object>owner)
            return 0
        if h1 and self.headline < 0:
            self.headline = len(self.texts)
        self.texts.append(PyUnicode_DecodeUTF8(self.text.data, length, "surrogateescape"))
        self.contexts.append(<object>owner)
        return 0

    cdef list numbered(self):
        """The numbers of the waiting block texts, in page order."""
        cdef size_t count = self.pending_lengths.length // sizeof(size_t), i, offset = 0, length
        cdef list ids = []
        for i in range(count):
            memcpy(&length, self.pending_lengths.data + i * sizeof(size_t), sizeof(size_t))
            ids.append(self.numbering.number(self.pending.data + offset, length))
            offset += length
        return ids


cdef class TextIds:
    """Block texts numbered in order of first sight, by their UTF-8 bytes, for one parsing
    process: a walk in numbered mode makes a `str` only of a text met for the first time.
    Beyond `limit` texts it forgets them (the numbers go on, a text met again is new again)."""

    cdef Table table
    cdef int64_t count
    cdef size_t limit
    cdef list new

    def __cinit__(self, size_t limit) -> None:
        _table_init(&self.table, 1024)
        self.count, self.limit, self.new = 0, max(limit, 1), []

    def __dealloc__(self) -> None:
        _table_clear(&self.table)
        PyMem_Free(self.table.slots)

    cdef int64_t number(self, const char* data, size_t size) except -1:
        cdef uint64_t hash = _hash(data, size, 14695981039346656037ULL)
        cdef Entry* entry = _slot(&self.table, hash, data, size)
        if entry.key != NULL:
            return entry.number
        if self.table.used >= self.limit:
            _table_clear(&self.table)
        text = PyUnicode_DecodeUTF8(data, size, "surrogateescape")
        entry = _insert(&self.table, hash, data, size, None, 0)
        entry.number = self.count
        self.count += 1
        self.new.append(text)
        return entry.number

    def ids_of(self, list texts) -> list:
        """The numbers of texts found otherwise (by the tree walk)."""
        cdef bytes data
        out = []
        for text in texts:
            data = (<str>text).encode("utf-8", "surrogateescape")
            out.append(self.number(data, len(data)))
        return out

    def take_new(self) -> list:
        """The texts numbered for the first time since the last call, in order."""
        new, self.new = self.new, []
        return new


#: Walks under way (in other threads, or below a `signature` call): their stacks borrow table entries.
cdef size_t _walks_open = 0


cdef void _walk_opened() noexcept:
    """Count a walk in; when no other walk is under way, empty the tables that grew too big."""
    global _walks_open
    if _walks_open == 0:
        if _signatures.used > MAX_SIGNATURES:
            _table_clear(&_contexts)
            _table_clear(&_signatures)
        elif _contexts.used > MAX_CONTEXTS:
            _table_clear(&_contexts)
    _walks_open += 1


cdef void _walk_closed() noexcept:
    global _walks_open
    _walks_open -= 1


def walk(cetree._Element start, frozenset block_tags, frozenset skip_tags, object signature):
    """(texts, contexts, index of the first h1 block or -1) of the tree below `start`, which
    owns the text outside any other block."""
    _walk_opened()
    try:
        return _walk_tree(start, block_tags, skip_tags, signature)
    finally:
        _walk_closed()


cdef tuple _walk_tree(cetree._Element start, frozenset block_tags, frozenset skip_tags, object signature):
    cdef xmlNode* root = start._c_node
    cdef xmlNode* node
    cdef xmlNode* ancestors[2]
    cdef _Walk found = _Walk()
    cdef _Buffer key = _Buffer()
    cdef Entry* element
    cdef int i, above = 0
    node = root.parent
    while above < 2 and node != NULL and node.type == ELEMENT_NODE:
        ancestors[above] = node
        above += 1
        node = node.parent
    for i in range(above - 1, -1, -1):
        element = _element(ancestors[i], key, block_tags, skip_tags, signature)
        found.push(element.value, 0, False)
    element = _element(root, key, block_tags, skip_tags, signature)
    found.push(element.value, element.flags & H1, True)  # closed after the loop, not by `pop`
    node = root.children
    while node != NULL:
        if node.type == TEXT_NODE or node.type == CDATA_NODE:
            if node.content != NULL and node.content[0] != 0:
                found.text.add(<const char*>node.content, strlen(<const char*>node.content))
        elif node.type == ELEMENT_NODE:
            element = _element(node, key, block_tags, skip_tags, signature)
            if not element.flags & SKIP:
                found.push(element.value, element.flags, (element.flags & BLOCK) != 0)
                if element.flags & BR:
                    found.text.add(b" ", 1)
                if node.children != NULL:
                    node = node.children
                    continue
                found.pop()
        # on to the next sibling, ending the elements left on the way up
        while node.next == NULL:
            node = node.parent
            if node == root:
                break
            found.pop()
        if node == root:
            break
        node = node.next
    found.close_text(found.owners[0], found.owner_h1[0])
    return found.texts, found.contexts, found.headline


# --- The same walk on libxml2's parse events, without building a tree ---------------------------
#
# libxml2 builds its tree from the events of its HTML parser (startElement, endElement,
# characters, cdataBlock); taking those events directly gives the blocks the tree walk gives
# while skipping the tree (more than half of what `lxml.html.fromstring` costs). libxml2's
# functions are looked up in the library lxml loaded, so the parser is lxml's own, with the
# options `blocks._PARSER` gives it. Where the walk's start would not be the root's first
# `body` child (a root with other children and no body, or content after the root), the page
# is left to the tree walk.

cdef extern from "<dlfcn.h>":
    void* dlopen(const char* filename, int flags)
    void* dlsym(void* handle, const char* symbol)
    int RTLD_NOW, RTLD_NOLOAD

cdef extern from "libxml/parser.h":
    ctypedef struct xmlSAXHandler:
        void* startElement
        void* endElement
        void* characters
        void* cdataBlock
    ctypedef struct xmlParserCtxt:
        pass
    int XML_PARSE_HUGE

cdef extern from "libxml/HTMLparser.h":
    int HTML_PARSE_RECOVER, HTML_PARSE_NONET, HTML_PARSE_COMPACT

ctypedef xmlParserCtxt* (*_NewContext)(const xmlSAXHandler* sax, void* user_data) noexcept nogil
ctypedef void* (*_ReadMemory)(xmlParserCtxt* context, const char* data, int size, const char* url, const char* encoding, int options) noexcept
ctypedef void (*_ErrorFunction)(void* data, const void* error) noexcept nogil
ctypedef void (*_SetErrorHandler)(xmlParserCtxt* context, _ErrorFunction handler, void* data) noexcept nogil
ctypedef void (*_StopParser)(xmlParserCtxt* context) noexcept nogil
ctypedef void (*_FreeDoc)(void* doc) noexcept nogil

#: The options of `blocks._PARSER` (lxml's HTML defaults and `huge_tree`); comments and
#: processing instructions have no event here, as `remove_comments`/`remove_pis` drop them.
cdef int _OPTIONS = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE

cdef _NewContext _new_context = NULL
cdef _ReadMemory _read_memory = NULL
cdef _SetErrorHandler _set_error_handler = NULL
cdef _StopParser _stop_parser = NULL
cdef _FreeDoc _free_doc = NULL
cdef xmlSAXHandler _handler
cdef xmlParserCtxt* _context_in_use = NULL
cdef _Events _events = None


cdef bint _libxml2_found() noexcept:
    """Look up the libxml2 functions in the library lxml loaded; False if one is missing."""
    global _new_context, _read_memory, _set_error_handler, _stop_parser, _free_doc
    import lxml.etree
    cdef bytes path = lxml.etree.__file__.encode()
    cdef void* library = dlopen(path, RTLD_NOW | RTLD_NOLOAD)
    if library == NULL:
        return False
    _new_context = <_NewContext>dlsym(library, b"htmlNewSAXParserCtxt")
    _read_memory = <_ReadMemory>dlsym(library, b"htmlCtxtReadMemory")
    _set_error_handler = <_SetErrorHandler>dlsym(library, b"xmlCtxtSetErrorHandler")
    _stop_parser = <_StopParser>dlsym(library, b"xmlStopParser")
    _free_doc = <_FreeDoc>dlsym(library, b"xmlFreeDoc")
    return (_new_context != NULL and _read_memory != NULL and _set_error_handler != NULL
            and _stop_parser != NULL and _free_doc != NULL)


#: Whether pages are walked on parse events (`page_walk`); when False it always returns None.
EVENTS = _libxml2_found()


cdef void _no_error(void* data, const void* error) noexcept nogil:
    """Parse errors are recovered from, as lxml's parser does; nothing is printed."""
    pass


cdef inline bint _named(const unsigned char* name, const char* expected) noexcept:
    return strcmp(<const char*>name, expected) == 0


cdef const unsigned char* _attribute(const unsigned char** attributes, const char* name, bint* present) noexcept:
    """The value of the first attribute called `name` (NULL if it has none); `present` says whether there is one."""
    cdef size_t i = 0
    present[0] = False
    if attributes != NULL:
        while attributes[i] != NULL:
            if _named(attributes[i], name):
                present[0] = True
                return attributes[i + 1]
            i += 2
    return NULL


cdef class _Events:
    """A page's walk fed by parse events. Depth counts the open elements of the document: the
    root at 1, its `body` child at 2. Besides the walk it keeps the text of the first `title`
    element and the content of the first `meta property="og:title"` below the root."""

    cdef _Walk walk
    cdef _Buffer key, title
    cdef size_t depth, skipped
    cdef PyObject* root_signature
    cdef bint root_seen, in_body, body_seen, root_other, after_root, in_title, title_seen
    cdef object og_title, error
    cdef frozenset block_tags, skip_tags
    cdef object signature

    def __cinit__(self, frozenset block_tags, frozenset skip_tags, object signature) -> None:
        self.walk, self.key, self.title = _Walk(), _Buffer(), _Buffer()
        self.block_tags, self.skip_tags, self.signature = block_tags, skip_tags, signature
        self.depth = self.skipped = 0
        self.root_signature = NULL
        self.root_seen = self.in_body = self.body_seen = self.root_other = self.after_root = self.in_title = self.title_seen = False
        self.og_title = self.error = None

    cdef Entry* element(self, const unsigned char* name, const unsigned char** attributes) except NULL:
        cdef bint has_class
        cdef const unsigned char* classes = _attribute(attributes, "class", &has_class)
        cdef size_t length = strlen(<const char*>name)
        self.key.length = 0
        self.key.add(<const char*>name, length + 1)
        if classes != NULL:
            self.key.add(<const char*>classes, strlen(<const char*>classes))
        return _entry(self.key, length, has_class, self.block_tags, self.skip_tags, self.signature)

    cdef int start(self, const unsigned char* name, const unsigned char** attributes) except -1:
        cdef Entry* entry
        cdef bint present
        cdef const unsigned char* value
        self.in_title = False
        self.depth += 1
        if self.depth == 1:
            if self.root_seen:  # an element after the root: left to the tree
                self.after_root = True
                _stop_parser(_context_in_use)
                return 0
            self.root_seen = True
            self.root_signature = self.element(name, attributes).value
            return 0
        if not self.title_seen and _named(name, "title"):
            self.title_seen = self.in_title = True
        elif self.og_title is None and _named(name, "meta"):
            value = _attribute(attributes, "property", &present)
            if value != NULL and _named(value, "og:title"):
                value = _attribute(attributes, "content", &present)
                self.og_title = PyUnicode_DecodeUTF8(<const char*>value, strlen(<const char*>value), "surrogateescape") if value != NULL else ""
        if self.depth == 2:
            if _named(name, "body") and not self.body_seen:
                self.body_seen = self.in_body = True
                self.walk.push(self.root_signature, 0, False)
                entry = self.element(name, attributes)
                self.walk.push(entry.value, entry.flags & H1, True)  # closed by `end`, not by `pop`
            elif not _named(name, "head"):
                self.root_other = True  # matters only when the root has no body
            return 0
        if not self.in_body:
            return 0
        if self.skipped:
            self.skipped += 1
            return 0
        entry = self.element(name, attributes)
        if entry.flags & SKIP:
            self.skipped = 1
            return 0
        self.walk.push(entry.value, entry.flags, (entry.flags & BLOCK) != 0)
        if entry.flags & BR:
            self.walk.text.add(b" ", 1)
        return 0

    cdef int end(self) except -1:
        self.in_title = False
        if self.depth == 0:
            return 0
        self.depth -= 1
        if not self.in_body:
            return 0
        if self.depth == 1:
            self.in_body = False
            self.walk.close_text(self.walk.owners[0], self.walk.owner_h1[0])
        elif self.skipped:
            self.skipped -= 1
        else:
            self.walk.pop()
        return 0

    cdef int text(self, const unsigned char* text, int length) except -1:
        if self.in_title:
            self.title.add(<const char*>text, length)
        if self.depth == 1:
            self.root_other = True  # text directly in the root matters only when it has no body
        elif self.in_body and not self.skipped:
            self.walk.text.add(<const char*>text, length)
        return 0


cdef void _failed(BaseException error) noexcept:
    """Keep a callback's exception for `page_walk` to raise, and stop the parser (no more events)."""
    _events.error = error
    _stop_parser(_context_in_use)


cdef void _on_start(void* context, const unsigned char* name, const unsigned char** attributes) noexcept:
    try:
        _events.start(name, attributes)
    except BaseException as error:
        _failed(error)


cdef void _on_end(void* context, const unsigned char* name) noexcept:
    try:
        _events.end()
    except BaseException as error:
        _failed(error)


cdef void _on_text(void* context, const unsigned char* text, int length) noexcept:
    try:
        _events.text(text, length)
    except BaseException as error:
        _failed(error)


def page_walk(bytes html, frozenset block_tags, frozenset skip_tags, object signature, TextIds numbering=None):
    """(texts, contexts, index of the first h1 block or -1, og:title content or None, first
    title's text or None) of a page whose walk starts at the root's first `body` child, from
    libxml2's parse events; None when the page needs the tree walk (see above), events are not
    available or another thread is walking a page. Same results as `walk` on the tree
    `blocks._PARSER` builds. With `numbering`: the block texts' numbers instead of the texts
    (numbered only once the walk has succeeded), and the first h1 block's text instead of its
    index (None: no h1 block)."""
    global _context_in_use, _events
    if not EVENTS or len(html) > 2**31 - 1 or _events is not None:
        return None  # the one parser context is busy (another thread is inside a walk): the tree walk
    if _context_in_use == NULL:
        _handler.startElement = <void*>_on_start
        _handler.endElement = <void*>_on_end
        _handler.characters = <void*>_on_text
        _handler.cdataBlock = <void*>_on_text
        _context_in_use = _new_context(&_handler, NULL)
        if _context_in_use == NULL:
            raise MemoryError()
        _set_error_handler(_context_in_use, _no_error, NULL)
    cdef _Events events = _Events(block_tags, skip_tags, signature)
    events.walk.numbering = numbering
    _events = events
    _walk_opened()
    try:
        document = _read_memory(_context_in_use, html, len(html), NULL, b"utf-8", _OPTIONS)
        if document != NULL:
            _free_doc(document)
    finally:
        _walk_closed()
        _events = None
    if events.error is not None:
        raise events.error
    if events.after_root or events.depth != 0 or events.root_other and not events.body_seen:
        return None
    title = PyUnicode_DecodeUTF8(events.title.data, events.title.length, "surrogateescape") if events.title_seen else None
    if numbering is not None:
        return events.walk.numbered(), events.walk.contexts, events.walk.headline_text, events.og_title, title
    return events.walk.texts, events.walk.contexts, events.walk.headline, events.og_title, title
