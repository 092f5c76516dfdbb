"""Import-layer check: a module may import only from its own layer or lower ones.

base (models, errors, options, vocab) < extract, normalize < validate, sections < pipeline < corpus, report < cli
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
            names.append(node.module)
    return names


def main() -> int:
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        own = layer_of(".".join(rel.parts))
        if own is None:
            continue
        for name in imports_of(path):
            target = layer_of(name)
            if target is not None and target > own:
                bad.append(f"{path}: imports {name} (layer {target} > {own})")
    for line in bad:
        sys.stderr.write(line + "\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
