"""Dependency graphs between the resources of one stack."""

from magnum_like.localcloud.heat import errors


def find_cycle(deps):
    """Return one cycle as a list of names, or None."""
    state = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in sorted(deps.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(deps):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check_acyclic(deps):
    cycle = find_cycle(deps)
    if cycle:
        raise errors.CircularDependencyException(" -> ".join(cycle))


def topo_order(deps):
    """Names ordered so that every name comes after what it depends on."""
    check_acyclic(deps)
    done = set()
    order = []

    def visit(node):
        if node in done:
            return
        done.add(node)
        for dep in sorted(deps.get(node, ())):
            visit(dep)
        order.append(node)

    for node in sorted(deps):
        visit(node)
    return order


def required_by(deps):
    """Invert a graph: name -> names that depend on it."""
    out = {name: set() for name in deps}
    for name, needs in deps.items():
        for dep in needs:
            out.setdefault(dep, set()).add(name)
    return out


def ready(deps, done, started):
    """Names whose dependencies are all done and that have not started."""
    return [name for name, needs in deps.items()
            if name not in started and needs <= done]
