"""Tripwires in a graded kernel: signs that a notebook's code tampered with how its tests run.

The tests of a notebook run in the learner's own kernel, so code the learner wrote earlier can change how they
run (docs/grading-security.md). The sandbox keeps that code away from everything outside the notebook; these
tripwires catch the known ways of faking the notebook's own results, and mark them:

- **A test cell must run to its end.** The grader appends a line printing a fresh random marker to every test
  cell before sending it to the kernel, and takes it back off the source and the output afterwards. A test
  cell that shows no error but never printed its marker did not run as written (an input or AST transformer
  replaced it, ``sys.settrace`` jumped over it, a patched ``showtraceback`` swallowed its failure): it scores
  0 and the notebook is flagged.
- **The kernel's hooks are compared** before the first cell and after the last: ``sys.settrace``, display and
  exception hooks, IPython's input and AST transformers, event callbacks, custom exception handlers and
  methods patched on the shell, when any of them was defined by the notebook's own code; and the ``builtins``
  module, which honest code does not rebind.

These run inside the learner's process, where code written to defeat *these* checks can: they are tripwires,
not proof. An honest notebook trips none of them (tests/test_labs.py checks every lab's reference).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

#: What the grader prints at the end of a test cell; a fresh token follows it in each notebook.
MARKER = "dcai-test-cell-ran-to-its-end"

#: Prints one line: the marker's token and the kernel's hooks as JSON (see :func:`tampering`).
PROBE = """
def __dcai_probe(token):
    import builtins, json, sys
    ip = get_ipython()
    def mine(f):
        f = getattr(f, "__func__", f)
        module = getattr(f, "__module__", None) or getattr(type(f), "__module__", "")
        return module == "__main__"
    hooks = {
        "sys.settrace": sys.gettrace() is not None,
        "sys.displayhook": mine(sys.displayhook),
        "sys.excepthook": mine(sys.excepthook),
        "input transformers": any(mine(t) for t in
            [*ip.input_transformers_cleanup, *ip.input_transformers_post,
             *getattr(ip.input_transformer_manager, "line_transforms", []),
             *getattr(ip.input_transformer_manager, "token_transformers", [])]),
        "AST transformers": any(mine(t) for t in ip.ast_transformers),
        "event callbacks": any(mine(f) for fs in ip.events.callbacks.values() for f in fs),
        "custom exception handler": bool(ip.custom_exceptions) or ip.CustomTB is not None and mine(ip.CustomTB),
        "patched shell methods": sorted(name for name in (
            "run_cell", "run_cell_async", "_run_cell", "run_ast_nodes", "run_code", "transform_cell",
            "transform_ast", "showtraceback", "_showtraceback", "showsyntaxerror", "should_run_async",
        ) if name in vars(ip)),
    }
    forwarded = {"input", "raw_input", "getpass"}  # ipykernel rebinds these for every cell it runs
    names = {n: id(v) for n, v in vars(builtins).items() if not n.startswith("_") and n not in forwarded}
    print(token, json.dumps({"hooks": hooks, "builtins": names}))
__dcai_probe(__TOKEN__)
del __dcai_probe
"""


def new_token() -> str:
    """A marker nobody can write into a notebook in advance."""
    return f"{MARKER}-{secrets.token_hex(8)}"


def probe_source(token: str) -> str:
    return PROBE.replace("__TOKEN__", repr(token))


def read_probe(outputs: list[Any], token: str) -> dict | None:
    """The probe's JSON from a cell's outputs, or None when it did not print.

    The kernel flushes stdout on a timer, so one printed line can arrive as several stream outputs: they are
    joined before the line is looked for.
    """
    text = "".join(
        "".join(o.get("text", "")) for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )
    for line in text.splitlines():
        if line.startswith(token + " "):
            try:
                return json.loads(line[len(token) + 1 :])
            except ValueError:
                return None
    return None


def tampering(before: dict | None, after: dict | None) -> list[str]:
    """What changed between the probe before the first cell and the one after the last, as flag texts."""
    if before is None:
        return []
    if after is None:
        return ["the kernel did not answer the grader's check after the last cell"]
    found = []
    for hook, value in after.get("hooks", {}).items():
        earlier = before.get("hooks", {}).get(hook)
        if isinstance(value, list):  # names of patched methods: the ones the kernel did not start with
            value = [name for name in value if name not in (earlier or [])]
            if value:
                found.append(f"the notebook's code installed {hook} ({', '.join(value)})")
        elif value and not earlier:
            found.append(f"the notebook's code installed {hook}")
    rebound = sorted(
        name for name, ident in before.get("builtins", {}).items() if after.get("builtins", {}).get(name) != ident
    )
    if rebound:
        found.append(f"the notebook's code rebound builtins: {', '.join(rebound[:10])}")
    return found


def with_marker(source: str, token: str) -> str:
    """A test cell's source with the line that prints its marker at the end."""
    return f"{source}\n\nprint({token!r})\n"


def took_marker_back(cell: Any, token: str) -> bool:
    """Remove the marker from a test cell's outputs; whether it was there.

    The marker may follow text the test printed without a newline (``print(..., end="")``): it is cut out of
    its line, and the line is dropped only when nothing else was on it.
    """
    seen = False
    for output in cell.get("outputs", []):
        if output.get("output_type") != "stream" or token not in "".join(output.get("text", "")):
            continue
        kept = []
        for line in "".join(output["text"]).splitlines(keepends=True):
            if token in line:
                seen = True
                line = line.replace(token, "", 1)
                if not line.strip():
                    continue
            kept.append(line)
        output["text"] = "".join(kept)
    cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("output_type") != "stream" or o.get("text")]
    return seen
