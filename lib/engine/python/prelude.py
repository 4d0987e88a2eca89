# Runs once in each warm interpreter of the Python sandbox (lib/engine/python/worker.mjs), before
# any playbook code. Defines _vigil_run, which runs one piece of playbook code in a fresh module
# namespace, and cuts what a playbook must not reach: the JavaScript side (js, pyodide_js,
# pyodide's own modules), processes, sockets, the environment. The JavaScript realm is the real
# boundary (see worker.mjs); this makes the refusals clear to the playbook's author.
import builtins
import io
import json
import os
import sys
import traceback

sys.path.insert(0, "/vigil/site")

_BLOCKED = {
    "js": "the JavaScript side", "pyodide_js": "the JavaScript side", "pyodide": "the JavaScript side",
    "_pyodide": "the JavaScript side", "_pyodide_core": "the JavaScript side", "micropip": "package installs",
    "socket": "the network", "_socket": "the network", "ssl": "the network", "select": "the network",
    "subprocess": "processes", "_posixsubprocess": "processes", "multiprocessing": "processes",
    "ctypes": "native code", "_ctypes": "native code", "pyodide_http": "the network",
}


# Whole modules by full name (urllib.parse stays: playbooks quote URLs with it).
_BLOCKED_FULL = {
    "urllib.request": "the network", "http.client": "the network", "ftplib": "the network", "smtplib": "the network",
    "poplib": "the network", "imaplib": "the network", "xmlrpc.client": "the network", "asyncio": "the JavaScript side",
}


class _Refused(ImportError):
    pass


class _BlockFinder:
    """Refuses imports of the modules a playbook must not use, with a message saying so."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        root = name.split(".")[0]
        why = _BLOCKED.get(root) or _BLOCKED_FULL.get(name)
        if why:
            raise _Refused(f"module {name} is not available in the playbook sandbox (no access to {why})", name=name)
        return None


def _refuse(what):
    def refused(*args, **kwargs):
        raise PermissionError(f"{what} is not available in the playbook sandbox")
    return refused


os.environ.clear()
os.environ.update({"HOME": "/home/pyodide", "LANG": "C.UTF-8"})
for _name in ("system", "popen", "fork", "forkpty", "execv", "execve", "execvp", "execvpe", "spawnv", "spawnve",
              "posix_spawn", "posix_spawnp", "kill", "killpg", "putenv", "unsetenv"):
    if hasattr(os, _name):
        setattr(os, _name, _refuse(f"os.{_name}"))

for _name in list(sys.modules):
    if _name.split(".")[0] in _BLOCKED or _name in _BLOCKED_FULL:
        del sys.modules[_name]
sys.meta_path.insert(0, _BlockFinder)

# Import what playbooks use once, so each call finds them warm.
import collections, datetime, hashlib, itertools, math, operator, re, urllib.parse  # noqa: E401,F401

_BASE_MODULES = {name: (m, dict(m.__dict__)) for name, m in sys.modules.items() if m is not None and name != "__main__"}
_BASE_MODULES_NAMES = set(_BASE_MODULES) | {"__main__"}
_BUILTINS = dict(builtins.__dict__)
_dumps, _loads = json.dumps, json.loads


def _reset():
    """Forget what the last call imported or changed (the phantom package is re-imported fresh)."""
    for name in list(sys.modules):
        if name not in _BASE_MODULES_NAMES:
            del sys.modules[name]
    # A module attribute a playbook replaced (json.dumps = ...) is put back; deeper changes
    # (a class attribute inside a module) are not undone.
    for name, (module, saved) in _BASE_MODULES.items():
        sys.modules[name] = module
        if module.__dict__ != saved:
            module.__dict__.clear()
            module.__dict__.update(saved)
    builtins.__dict__.clear()
    builtins.__dict__.update(_BUILTINS)
    if sys.meta_path[0] is not _BlockFinder:
        sys.meta_path[:] = [_BlockFinder] + [f for f in sys.meta_path if f is not _BlockFinder]


def _where(tb, filename):
    frames = [f for f in traceback.extract_tb(tb) if f.filename == filename]
    return f" (line {frames[-1].lineno} in {frames[-1].name})" if frames else ""


# Compiled playbook modules by (filename, source): each callback of a run (and every run of the
# same playbook version) executes the module afresh in a new namespace, as SOAR does, without
# compiling it again. Code objects are immutable, so sharing one between calls shares no state.
_COMPILED = {}
_COMPILED_MAX = 64


def _compiled(code, filename):
    key = (filename, code)
    found = _COMPILED.pop(key, None)
    if found is None:
        found = compile(code, filename, "exec")
        while len(_COMPILED) >= _COMPILED_MAX:
            del _COMPILED[next(iter(_COMPILED))]
    _COMPILED[key] = found  # most recently used last
    return found


def _vigil_run(code, globals_json, read_json, filename):
    _reset()
    ns = {"__name__": "__playbook__", "__builtins__": builtins}
    ns.update(_loads(globals_json or "{}"))
    import _vigil_host
    ns["host"] = _vigil_host.host
    printed = io.StringIO()
    sys.stdout = sys.stderr = printed
    try:
        exec(_compiled(code, filename), ns)
        values = {name: ns.get(name) for name in _loads(read_json)}
        out = {"ok": True, "values": _loads(_dumps(values, default=str))}
    except KeyboardInterrupt:
        out = {"ok": False, "limit": "time"}
    except MemoryError:
        out = {"ok": False, "limit": "memory"}
    except RecursionError as e:
        out = {"ok": False, "error": f"RecursionError: {e}{_where(e.__traceback__, filename)}"}
    except BaseException as e:  # noqa: B036 -- SystemExit too: a playbook cannot stop the interpreter
        out = {"ok": False, "error": f"{type(e).__name__}: {e}{_where(e.__traceback__, filename)}"}
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if "_vigil_host" in sys.modules:
            sys.modules["_vigil_host"].close()
    out["printed"] = printed.getvalue()[:100_000]
    ns.clear()
    return _dumps(out, default=str)
