"""Exceptions raised by wiredup; each docstring says who raises it."""


class WiredupError(Exception):
    """Base class of every error wiredup raises on purpose."""


class OptionsError(WiredupError, ValueError):
    """Raised by `DedupOptions` when a setting is out of range."""


class InputError(WiredupError):
    """Raised by the readers when an input file is missing or unusable as a whole."""


class RulesError(WiredupError):
    """Raised by `read_rules` when a rules file line cannot be parsed."""
