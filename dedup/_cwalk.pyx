# cython: language_level=3
"""`dedup.blocks._walk` over libxml2's nodes directly, without an lxml proxy per element.

Built when the package is installed (Cython and a C compiler); `dedup.blocks` falls back to the
Python walk when this module is missing. Both give the same result on every tree
(tests/test_blocks.py checks them against each other and against a recursive reference).
"""

from lxml.includes.tree cimport xmlAttr, xmlNode
cimport lxml.includes.etreepublic as cetree
from cpython.mem cimport PyMem_Free, PyMem_Realloc
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport memcpy, strcmp, strlen

cetree.import_lxml__etree()

cdef enum:
    ELEMENT_NODE = 1
    TEXT_NODE = 3
    CDATA_NODE = 4


cdef inline str _decode(const char* text):
    if text == NULL:
        return ""
    return PyUnicode_DecodeUTF8(text, strlen(text), "surrogateescape")


cdef object _class_attribute(xmlNode* node):
    """The element's `class` attribute (None when it has none), as `el.get("class")`."""
    cdef xmlAttr* attribute = node.properties
    cdef xmlNode* value
    while attribute != NULL:
        if attribute.ns == NULL and strcmp(<const char*>attribute.name, b"class") == 0:
            value = attribute.children
            pieces = []
            while value != NULL:
                pieces.append(_decode(<const char*>value.content))
                value = value.next
            return "".join(pieces)
        attribute = attribute.next
    return None


cdef class _Blocks:
    """The texts found so far, the UTF-8 bytes of the open block's text, and the open owners."""

    cdef list texts, contexts, owners
    cdef Py_ssize_t headline
    cdef char* text
    cdef size_t length, capacity

    def __cinit__(self) -> None:
        self.texts, self.contexts, self.owners = [], [], []
        self.headline = -1
        self.text, self.length, self.capacity = NULL, 0, 0

    def __dealloc__(self) -> None:
        PyMem_Free(self.text)

    cdef int add(self, const char* piece, size_t size) except -1:
        """Append raw UTF-8 text to the open block."""
        cdef char* grown
        if self.length + size > self.capacity:
            self.capacity = 2 * (self.length + size) + 256
            grown = <char*>PyMem_Realloc(self.text, self.capacity)
            if grown == NULL:
                raise MemoryError()
            self.text = grown
        memcpy(self.text + self.length, piece, size)
        self.length += size
        return 0

    cdef int close_text(self, tuple owner) except -1:
        """A block boundary: the text collected so far belongs to `owner` (context, is h1)."""
        cdef str joined
        if self.length == 0:
            return 0
        joined = PyUnicode_DecodeUTF8(self.text, self.length, "surrogateescape")
        self.length = 0
        if joined.isspace():
            return 0
        if owner[1] and self.headline < 0:
            self.headline = len(self.texts)
        self.texts.append(" ".join(joined.split()))
        self.contexts.append(owner[0])
        return 0

    cdef int end(self, xmlNode* node, frozenset block_tags, list path) except -1:
        path.pop()
        if _decode(<const char*>node.name) in block_tags:
            self.close_text(self.owners.pop())
        return 0


def walk(cetree._Element start, frozenset block_tags, frozenset skip_tags, object signature, list path):
    """(texts, contexts, index of the first h1 block or -1) of the tree below `start`, which
    owns the text outside any other block; `path` holds the signatures of its two ancestors."""
    cdef xmlNode* root = start._c_node
    cdef xmlNode* node
    cdef _Blocks found = _Blocks()
    cdef str tag, own
    cdef object owner
    tag = _decode(<const char*>root.name)
    own = signature(tag, _class_attribute(root))
    found.owners.append((">".join([*path[-2:], own]), tag == "h1"))
    path.append(own)
    node = root.children
    while node != NULL:
        if node.type == TEXT_NODE or node.type == CDATA_NODE:
            if node.content != NULL and node.content[0] != 0:
                found.add(<const char*>node.content, strlen(<const char*>node.content))
        elif node.type == ELEMENT_NODE:
            tag = _decode(<const char*>node.name)
            if tag not in skip_tags:
                own = signature(tag, _class_attribute(node))
                if tag in block_tags:
                    owner = found.owners[-1]
                    found.owners.append((">".join([*path[-2:], own]), tag == "h1"))
                    found.close_text(owner)
                elif tag == "br":
                    found.add(b" ", 1)
                path.append(own)
                if node.children != NULL:
                    node = node.children
                    continue
                found.end(node, block_tags, path)
        # on to the next sibling, ending the elements left on the way up
        while node.next == NULL:
            node = node.parent
            if node == root:
                break
            found.end(node, block_tags, path)
        if node == root:
            break
        node = node.next
    found.close_text(found.owners.pop())
    return found.texts, found.contexts, found.headline
