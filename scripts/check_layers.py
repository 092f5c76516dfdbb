"""Import-layer check: a module may import only from its own layer or lower ones, and no modules import each
other in a cycle (imports inside functions count: a deferred import is still a dependency).

base (models, errors, options, vocab, numbers) < extract, normalize < validate, sections < pipeline
< corpus, report < cli
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path("src/cnfiscal")
LAYERS = {
    "models": 0,
    "errors": 0,
    "options": 0,
    "vocab": 0,
    "numbers": 0,
    "extract": 1,
    "normalize": 1,
    "validate": 2,
    "sections": 2,
    "pipeline": 3,
    "corpus": 4,
    "report": 4,
    "cli": 5,
    "__init__": 0,
    "__main__": 5,
}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "cnfiscal":
        return None
    return LAYERS.get(parts[1] if len(parts) > 1 else "__init__")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` depends on the module, not on the package's __init__
            subs = [f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}")]
            names.extend(subs if len(subs) == len(node.names) else [node.module, *subs])
    return names


def _is_module(name: str) -> bool:
    base = ROOT.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once (depth-first search; a cycle is reported from its first module found)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def main() -> int:
    bad = []
    graph: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        module = module_name(path)
        own = layer_of(module)
        if own is None:
            continue
        graph[module] = set()
        for name in imports_of(path):
            target = layer_of(name)
            if target is not None and target > own:
                bad.append(f"{path}: imports {name} (layer {target} > {own})")
            if name.startswith("cnfiscal.") and name != module:
                graph[module].add(name)
    modules = set(graph)
    graph = {m: {n for n in deps if n in modules} for m, deps in graph.items()}
    bad.extend("import cycle: " + " → ".join(c) for c in cycles(graph))
    for line in bad:
        sys.stderr.write(line + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
