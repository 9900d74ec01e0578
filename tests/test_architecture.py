"""The module structure the architecture promises: no import circle between the build, the
renderer, the parallel runner and the annex pack (the pack takes what the renderer gives
it); the writers lay out the model and never compose it; the model imports no writer."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportgen"


def imports(module: str) -> set[str]:
    """Every reportgen module ``module`` imports, at the top, lazily or for type checking."""
    path = PACKAGE / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    base = module.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parent = base[: len(base) - (node.level - 1)]
            target = ".".join(parent + ([node.module] if node.module else []))
            names = [target] if node.module else [".".join(parent + [a.name]) for a in node.names]
            out.update(n for n in names if (PACKAGE / (n.replace(".", "/") + ".py")).exists())
    return out


def _cycle_free(modules: list[str]) -> list[tuple[str, str]]:
    graph = {m: imports(m) & set(modules) for m in modules}
    found = []
    for a in modules:
        seen, todo = set(), list(graph[a])
        while todo:
            b = todo.pop()
            if b == a:
                found.append((a, "cycle"))
                break
            if b not in seen:
                seen.add(b)
                todo += graph[b]
    return found


def test_no_import_circle_between_build_render_parallel_and_pack() -> None:
    modules = ["build", "jobs", "render", "parallel", "pack", "pack_check", "check", "check_align"]
    assert _cycle_free(modules) == []
    assert "build" not in imports("pack") and "render" not in imports("pack")


def test_writers_only_lay_out_the_model() -> None:
    for path in (PACKAGE / "writers").glob("*.py"):
        name = f"writers.{path.stem}"
        assert not imports(name) & {"compose", "align", "templating", "markup", "build"}, name
    assert not {i for i in imports("model")} - {"model"}
