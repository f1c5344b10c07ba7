"""Build the optional compiled parts of dedup (everything else is in pyproject.toml).

`dedup._cwalk` walks libxml2's tree for `dedup.blocks`; `dedup._ckernels` hashes words for
`dedup.tokens`, computes MinHash signatures for `dedup.sketch` and more (see its docstring);
`dedup._cjsonl` takes the HTML out of a pages.jsonl line for `dedup.pages`. All are optional:
without a C compiler the pure Python and numpy paths give the same results, more slowly.
"""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize(
    [
        Extension("dedup._cwalk", ["dedup/_cwalk.pyx"], include_dirs=lxml.get_include(), optional=True),
        Extension("dedup._ckernels", ["dedup/_ckernels.pyx"], extra_compile_args=["-O3"], optional=True),
        Extension("dedup._cjsonl", ["dedup/_cjsonl.pyx"], extra_compile_args=["-O3"], optional=True),
    ],
    language_level=3,
))
