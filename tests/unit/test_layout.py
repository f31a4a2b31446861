"""The package's layout is the pipeline, and these tests keep it so.

model -> check -> render -> engine: each step imports only the steps before it (and the
shared modules at the top: cache, sanitize, context, problems' users); only
``carryover/engine/`` knows MkDocs or Material, by import or by the theme's class names;
no module imports another that imports it back, not even from inside a function; no module
keeps a build's state in a module-level dict, list or set.

Each rule is a small function over a package's source folder, so the tests below also
run it on a throwaway package that breaks it, and see it fail.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "carryover"

# What each part of the package may import from the others, besides the shared modules
# at the top. The command line is the front door: it may import every part.
LAYERS = {
    "model": set(),
    "check": {"model"},
    "render": {"model"},
    "publish": {"model", "render"},  # the finished site's folder, and the pages above the languages
    "engine": {"model", "check", "render", "publish", "editor"},
    # the browser form (make edit): its configuration and saves come from the model; its
    # preview is handed the engine's renderer by the command line, never imports it
    "editor": {"model", "check"},
}
SHARED = {"cache", "sanitize", "context", "__init__"}
FRONT = {"cli", "__main__"}
ENGINE_PACKAGES = {"mkdocs", "material", "pymdownx"}
THEME_WORDS = re.compile(r"(?<![\w])-?-?md-[a-z]|:material-[a-z]")


def modules(package: Path) -> dict[str, Path]:
    """Dotted name -> file, for every module under ``package``."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports, anywhere in the file (function bodies and
    TYPE_CHECKING blocks too: a cycle hidden in a function is still a cycle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def graph(package: Path) -> dict[str, set[str]]:
    """Module -> the package's own modules it imports."""
    names = modules(package)
    return {name: {m for m in imports(name, path) if m in names and m != name} for name, path in names.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def part(module: str) -> str:
    """'carryover.render.pages' -> 'render'; top-level modules are their own part."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def layer_problems(package: Path) -> list[str]:
    """Imports that go against the pipeline's direction, or leave the engine."""
    problems = []
    top = package.name
    own = modules(package)
    for name, path in own.items():
        mine = part(name)
        for module in sorted(imports(name, path)):
            root = module.split(".")[0]
            if root in ENGINE_PACKAGES and mine != "engine":
                problems.append(f"{name} imports {module}: only {top}/engine/ may know the site engine")
            if module not in own or mine in FRONT:
                continue
            theirs = part(module)
            if theirs == mine or theirs in SHARED:
                continue
            allowed = LAYERS.get(mine)
            if allowed is None:  # a shared module: imports only other shared modules
                problems.append(f"{name} imports {module}: shared modules import no step of the pipeline")
            elif theirs not in allowed:
                problems.append(f"{name} imports {module}: {mine}/ may import only {sorted(allowed) or 'nothing'}")
    return problems


def theme_words(package: Path, templates: Path | None = None) -> list[str]:
    """Material's class names (md-…) and icon shortcodes (:material-…:) outside the engine,
    in the code's strings and in the renderers' templates."""
    found = []
    for name, path in modules(package).items():
        if part(name) == "engine":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and THEME_WORDS.search(node.value):
                found.append(f"{path.relative_to(package.parent)}:{node.lineno}: {THEME_WORDS.search(node.value)[0]}")
    for path in sorted((templates or package / "render" / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if THEME_WORDS.search(line):
                found.append(f"{path.relative_to(package.parent)}:{number}: {THEME_WORDS.search(line)[0]}")
    return found


def module_state(package: Path) -> list[str]:
    """Module-level dicts, lists and sets with lower-case names: a build's state in a global.
    Constants (UPPER_CASE) are read-only by this project's convention."""
    found = []
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    for path in modules(package).values():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            value = getattr(node, "value", None)
            is_mutable = isinstance(value, mutable) or (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in {"dict", "list", "set"}
            )
            for target in targets:
                if isinstance(target, ast.Name) and is_mutable and not target.id.isupper() and target.id != "__all__":
                    found.append(f"{path.relative_to(package.parent)}:{node.lineno}: {target.id}")
    return found


# ---- the real package -------------------------------------------------------------------


def test_the_package_has_no_import_cycles():
    assert cycles(graph(PACKAGE)) == []


def test_each_step_imports_only_the_steps_before_it_and_only_the_engine_knows_mkdocs():
    assert layer_problems(PACKAGE) == []


def test_no_theme_class_names_or_icon_shortcodes_outside_the_engine():
    assert theme_words(PACKAGE) == []


def test_no_module_keeps_a_build_in_a_global():
    assert module_state(PACKAGE) == []


def test_the_tree_shows_the_pipeline():
    for folder in ("model", "check", "render", "engine/mkdocs"):
        assert (PACKAGE / folder / "__init__.py").is_file(), folder
    shims = sorted((PACKAGE.parent / "hooks").glob("*.py"))
    assert shims, "hooks/ holds the files mkdocs.yml names"
    for shim in shims:
        code = [
            line for line in shim.read_text(encoding="utf-8").splitlines() if line and not line.startswith(('"""', "#"))
        ]
        assert code and all(line.startswith("from carryover.engine.mkdocs.") for line in code[-1:]), shim


# ---- the rules fail when broken ------------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "carryover"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_hidden_in_a_function_is_found(tmp_path):
    package = _package(
        tmp_path,
        {
            "render/pages.py": "from carryover.render.sharing import share\n",
            "render/sharing.py": "def share():\n    from carryover.render import pages\n",
        },
    )
    assert cycles(graph(package)) == [["carryover.render.pages", "carryover.render.sharing"]]


def test_a_relative_import_cycle_is_found(tmp_path):
    package = _package(
        tmp_path,
        {"model/a.py": "from .b import x\n", "model/b.py": "from . import a\nx = 1\n"},
    )
    assert cycles(graph(package)) == [["carryover.model.a", "carryover.model.b"]]


def test_imports_against_the_pipeline_and_engine_imports_are_found(tmp_path):
    package = _package(
        tmp_path,
        {
            "model/library.py": "from carryover.check.content import validate\n",
            "check/content.py": "import material\nfrom carryover.render.paper import sheet\n",
            "render/paper.py": "from mkdocs.plugins import event_priority\n",
            "engine/mkdocs/site.py": "import mkdocs\nfrom carryover.render import paper\n",
            "cli.py": "from carryover.engine.mkdocs import site\n",
        },
    )
    problems = layer_problems(package)
    assert any("carryover.model.library imports carryover.check.content" in p for p in problems)
    assert any("carryover.check.content imports material" in p for p in problems)
    assert any("carryover.check.content imports carryover.render.paper" in p for p in problems)
    assert any("carryover.render.paper imports mkdocs.plugins" in p for p in problems)
    assert not any(p.startswith(("carryover.engine", "carryover.cli ")) for p in problems)


def test_theme_words_and_module_state_are_found(tmp_path):
    package = _package(
        tmp_path,
        {
            "render/pages.py": 'BUTTON = \'<a class="md-button">\'\n_seen: dict = {}\nICON = ":material-bed:"\n',
            "engine/mkdocs/site.py": 'X = "md-button"\n',
            "render/templates/button.html": '<a class="md-button co-x">\n',
        },
    )
    assert len(theme_words(package)) == 3
    assert module_state(package) == ["carryover/render/pages.py:2: _seen"]
