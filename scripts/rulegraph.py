"""Collapse Snakemake's rule graph (DOT on stdin) to one node per stage: the shard rules
prepare_main_000 ... become one node `prepare_main_NNN`, so the graph shows the design, not the
corpus. Used by `make dag`."""

import re
import sys

NODE = re.compile(r'^\s*(\d+)\[label = "([^"]+)"(.*)\];$')
EDGE = re.compile(r"^\s*(\d+) -> (\d+)$")


def collapse(lines: list[str]) -> list[str]:
    stage_of, nodes, edges, out = {}, {}, set(), []
    for line in lines:
        if m := NODE.match(line):
            stage = re.sub(r"_(main|unseen)_\d{3}$", r"_\1_NNN", m.group(2))
            stage_of[m.group(1)] = stage
            nodes.setdefault(stage, f'\t"{stage}"[label = "{stage}"{m.group(3)}];')
        elif m := EDGE.match(line):
            edges.add((stage_of[m.group(1)], stage_of[m.group(2)]))
        elif line.strip() != "}":
            out.append(line)
    return [*out, *nodes.values(), *(f'\t"{a}" -> "{b}"' for a, b in sorted(edges)), "}"]


if __name__ == "__main__":
    print("\n".join(collapse(sys.stdin.read().splitlines())))
