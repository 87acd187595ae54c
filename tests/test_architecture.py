"""The import rules of docs/architecture.md that import-linter's contracts cannot state: no import
cycle between the files (modules) of one app, counting imports inside functions too."""

import grimp

APPS = ("cms", "events", "contests")


def _is_code(module):
    parts = module.split(".")
    return "tests" not in parts and "migrations" not in parts


def _cycles(graph, modules):
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_between_the_files_of_one_app():
    graph = grimp.build_graph(*APPS, exclude_type_checking_imports=True)
    cycles = {}
    for app in APPS:
        modules = {m for m in graph.find_descendants(app) | {app} if _is_code(m)}
        # A package's __init__ is not a file of its own here: only modules with code count.
        cycles[app] = _cycles(graph, modules)
    assert cycles == {"cms": [], "events": [], "contests": []}


def test_the_cycle_check_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("app", "app.a", "app.b", "app.c"):
        graph.add_module(module)
    graph.add_import(importer="app.a", imported="app.b")
    graph.add_import(importer="app.b", imported="app.a")
    graph.add_import(importer="app.c", imported="app.a")
    assert _cycles(graph, {"app.a", "app.b", "app.c"}) == [["app.a", "app.b"]]
