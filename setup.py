"""Build the optional C walk of dedup.blocks (everything else is in pyproject.toml)."""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize(
    [Extension("dedup._cwalk", ["dedup/_cwalk.pyx"], include_dirs=lxml.get_include(), optional=True)],
    language_level=3,
))
