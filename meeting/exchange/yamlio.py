"""YAML reading that keeps line numbers and reads every scalar as text, and stable writing."""

import gc
from contextlib import contextmanager

import yaml


class Node:
    """Marker base for values that carry their source line."""

    line: int


class LinedDict(dict, Node):
    """A mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of `key` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LinedList(list, Node):
    """A sequence that remembers its line and each item's line."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class ProgrammeYAMLError(ValueError):
    """YAML that cannot be read at all, with the line where reading stopped."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# LibYAML's parser is about ten times faster than the pure-Python one; both give line marks.
_BaseLoader = yaml.CBaseLoader if getattr(yaml, "__with_libyaml__", False) else yaml.BaseLoader


class _Loader(_BaseLoader):
    """BaseLoader: all scalars stay strings, so '10:30' is never 630 and 'NO' never False."""


def _child(loader, node):
    """Construct one value, refusing an alias: a value written once and used again.

    A file never needs them (export writes none), and a few lines of nested aliases can
    stand for billions of values ("billion laughs").
    """
    if node in loader.constructed_objects or node in loader.recursive_objects:
        raise ProgrammeYAMLError(node.start_mark.line + 1, (
            "this value is used again elsewhere through an alias (*name); aliases are not "
            "allowed in a programme file: write the value out"))
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader, node):
    result = LinedDict(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise ProgrammeYAMLError(key_node.start_mark.line + 1, "a key must be plain text")
        key = key_node.value
        if key in result:
            raise ProgrammeYAMLError(key_node.start_mark.line + 1, f"duplicate key {key!r}")
        result[key] = _child(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LinedList(node.start_mark.line + 1)
    for child in node.value:
        result.append(_child(loader, child))
        result.item_lines.append(child.start_mark.line + 1)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_text(text: str):
    """Parse YAML text into LinedDict/LinedList/str values."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - BaseLoader builds no objects
    except ProgrammeYAMLError:
        raise
    except RecursionError:
        # Building values hundreds of levels deep runs out of Python's stack; LibYAML's own
        # limit (1,000 levels) answers first for deeper files.
        raise ProgrammeYAMLError(None, (
            "the file nests lists or mappings hundreds of levels deep; a programme file needs "
            "a few levels")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ProgrammeYAMLError(line, f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ProgrammeYAMLError(None, f"not valid YAML: {exc}") from None


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line text as literal blocks, keys in the order given."""

    def increase_indent(self, flow=False, indentless=False):
        # Indent list items under their key, as people write them by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class FlowList(list):
    """A short list written on one line: [en, fr]."""


def _represent_flow_list(dumper, value):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(FlowList, _represent_flow_list)


def dump_text(data) -> str:
    """Serialize plain dicts/lists/str/int deterministically."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for one bulk load or dump."""
    # A bulk load allocates hundreds of thousands of long-lived objects; the cyclic collector
    # rescanning them made large imports about twice as slow (bench/import_timing.py). The
    # file size limit bounds what can pile up meanwhile.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
