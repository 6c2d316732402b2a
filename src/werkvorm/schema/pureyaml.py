"""PyYAML's pure-Python loader, made to read plain text in ``[...]`` as libyaml does.

werkvorm uses libyaml when PyYAML has it and this loader when not; the two must turn
every file into the same events (tests load every shipped file with both).
"""

from __future__ import annotations

import yaml


class PureLoader(yaml.SafeLoader):
    """The Python scanner ends a plain scalar inside a flow collection at '?', so
    ``[Wie doet het al?]`` fails there and loads with libyaml; here it loads with both."""

    def scan_plain(self) -> yaml.ScalarToken:
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] = []
        blank = "\0 \t\r\n\x85\u2028\u2029"
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                after = self.peek(length + 1)
                if (
                    ch in blank
                    or (ch == ":" and after in blank + (",[]{}" if self.flow_level else ""))
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark) or []
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.ScalarToken("".join(chunks), True, start_mark, end_mark)
