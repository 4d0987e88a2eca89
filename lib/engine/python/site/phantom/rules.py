# phantom.rules: the playbook API SOAR's generated Python calls (SOAR-PLAYBOOKS.md §3.3, §5), as thin
# calls into Vigil's engine (lib/engine/code-playbook.ts, the same API code playbooks use). Nothing
# is kept here between calls: state lives in the engine (run data, block outputs), and callbacks
# are resumed by function name, so this module is loaded afresh for every callback.
import base64 as _base64
import json as _json
import os as _os
import pprint as _pprint
from urllib.parse import quote as _quote

from _vigil_host import HostError, call as _call


def playbook_block(*_args, **_kwargs):
    """@phantom.playbook_block(): SOAR marks block functions with it; it changes nothing."""
    return lambda fn: fn


def _text(obj):
    return obj if isinstance(obj, str) else _pprint.pformat(obj)


def debug(obj, *args, **kwargs):
    _call("debug", _text(obj))


def error(msg, *args, **kwargs):
    _call("error", _text(msg))


def _name_of(callback):
    if callback is None:
        return None
    name = getattr(callback, "__name__", None)
    if not isinstance(name, str):
        raise TypeError("callback must be a function of the playbook")
    return name


def collect2(container=None, datapath=None, action_results=None, scope=None, filter_artifacts=None, tags=None, limit=None, **kwargs):
    paths = [datapath] if isinstance(datapath, str) else list(datapath or [])
    return _call("collect2", paths) or []


def collect(container=None, datapath=None, action_results=None, scope=None, limit=None, **kwargs):
    """The older collect: one datapath, a flat list of its values."""
    return [row[0] for row in collect2(container=container, datapath=[datapath])]


def condition(container=None, conditions=None, name=None, logical_operator="and", delimiter=None, scope=None, case_sensitive=True, filtered_artifacts=None, filtered_results=None, **kwargs):
    r = _call("condition_rows", conditions or [], logical_operator or "and", name, delimiter, case_sensitive)
    return r["artifacts"], r["results"]


def decision(container=None, conditions=None, logical_operator="and", delimiter=None, case_sensitive=True, scope=None, **kwargs):
    return bool(_call("decision", conditions or [], logical_operator or "and", delimiter, case_sensitive))


def format(container=None, template="", parameters=None, name=None, drop_none=False, separator=None, scope=None, **kwargs):
    return _call("format", template, parameters or [], name, {"dropNone": bool(drop_none), "separator": separator})


def get_format_data(name=None, **kwargs):
    if name and name.endswith("__as_list"):
        return _call("get_format_list", name[: -len("__as_list")])
    return _call("get_format_data", name)


def save_run_data(key=None, value=None, auto=True, **kwargs):
    _call("save_run_data", key, value if isinstance(value, str) else _json.dumps(value))


def get_run_data(key=None, **kwargs):
    return _call("get_run_data", key)


def save_playbook_output_data(output=None, **kwargs):
    _call("save_playbook_output_data", output or {})


def concatenate(*values, dedup=False, **kwargs):
    out = []
    for v in values:
        for item in (v if isinstance(v, (list, tuple)) else [v]):
            if dedup and item in out:
                continue
            out.append(item)
    return out


def completed(action_names=None, playbook_names=None, custom_function_names=None, trace=False, **kwargs):
    names = list(action_names or []) + list(playbook_names or []) + list(custom_function_names or [])
    return bool(_call("completed", names))


def act(action=None, parameters=None, assets=None, callback=None, name=None, tags=None, reviewer=None, handle=None, start_time=None, asset_type=None, app=None, **kwargs):
    if parameters is not None and len(parameters) == 0:
        # SOAR runs nothing for an empty parameter list; the callback is not called.
        debug(f"phantom.act(): no parameters for '{action}', nothing run")
        return None
    _call("act", action, {"parameters": parameters if parameters is not None else [{}], "assets": assets or [], "name": name, "callback": _name_of(callback), "handle": handle, "app": app})
    return None


def prompt2(container=None, user=None, role=None, message="", respond_in_mins=30, name=None, parameters=None, response_types=None, callback=None, **kwargs):
    responses = []
    for r in response_types or []:
        opts = r.get("options") or {}
        kind = "list" if opts.get("type") == "list" else "message"
        responses.append({"prompt": r.get("prompt", ""), "type": kind, "options": opts.get("choices")})
    _call("prompt2", {"user": user, "role": role, "message": message, "respond_in_mins": respond_in_mins, "name": name, "callback": _name_of(callback), "responses": responses})


def prompt(container=None, user=None, message="", respond_in_mins=30, name=None, options=None, callback=None, **kwargs):
    choices = (options or {}).get("choices")
    types = [{"prompt": message, "options": {"type": "list", "choices": choices}}] if choices else []
    prompt2(container=container, user=user, message=message, respond_in_mins=respond_in_mins, name=name, response_types=types, callback=callback)


def playbook(playbook=None, container=None, handle=None, show_debug=False, callback=None, name=None, inputs=None, scope=None, **kwargs):
    return _call("playbook", playbook, {"callback": _name_of(callback), "name": name, "inputs": inputs or {}})


def custom_function(custom_function=None, parameters=None, name=None, callback=None, **kwargs):
    """Runs a repository custom function once per parameter dict, each in a fresh namespace."""
    ref = str(custom_function)
    code = _call("custom_function_code", ref)
    fn = ref.split("/")[-1]
    results = []
    for params in (parameters if parameters is not None else [{}]):
        ns = {"__name__": "custom_function"}
        try:
            exec(compile(code, f"{ref}.py", "exec"), ns)
            data = ns[fn](**(params or {}))
            results.append({"success": True, "message": "", "data": data if data is not None else {}})
        except Exception as e:  # the custom function's own failure is its result, as in SOAR
            results.append({"success": False, "message": f"{type(e).__name__}: {e}", "data": {}})
    key = _call("custom_function_done", name or fn, results)
    if callback is not None:
        ok = any(r["success"] for r in results)
        callback(action=None, success=ok, container=get_container(), results=results, handle=None, custom_function={"name": key})


def comment(container=None, comment=None, **kwargs):
    _call("comment", comment if comment is not None else "")


def add_note(container=None, title="", content="", note_format="markdown", note_type="general", **kwargs):
    _call("add_note", title or "", content or "")
    return True, "note added", None


def set_status(container=None, status=None, **kwargs):
    _call("set_status", status)
    return True, "status set"


def set_severity(container=None, severity=None, **kwargs):
    _call("set_severity", severity)
    return True, "severity set"


def set_owner(container=None, user=None, role=None, **kwargs):
    _call("set_owner", user)
    return True, "owner set"


def add_tags(container=None, tags=None, **kwargs):
    _call("add_tag", tags if isinstance(tags, list) else [tags])
    return True, "tags added"


def pin(container=None, data=None, message=None, pin_type=None, pin_style=None, name=None, **kwargs):
    _call("pin", message or "", data if data is not None else "")
    return True, "pinned", None


def promote(container=None, template=None, **kwargs):
    _call("promote_to_case")
    return True, "promoted"


def add_artifact(container=None, raw_data=None, cef_data=None, label=None, name=None, severity=None, identifier=None, artifact_type=None, field_mapping=None, trace=False, run_automation=False, **kwargs):
    _call("add_artifact", name or "artifact", cef_data or {}, label, severity)
    return True, "artifact added", None


def get_container(container_id=None, **kwargs):
    return _call("get_container", container_id)


def get_effective_user(**kwargs):
    return _call("get_effective_user")


def get_playbook_info(playbook_run_id=None, **kwargs):
    return [_call("get_playbook_info")]


def get_summary(**kwargs):
    return _call("get_summary")


def get_action_results(action_run_id=None, action_name=None, result_data=True, flatten=True, **kwargs):
    return _call("get_action_results", action_name, action_run_id)


def discontinue(comment=None, **kwargs):
    """Ends the run after this call: pending callbacks are dropped and on_finish runs once."""
    _call("discontinue", comment)


def get_list(list_name=None, values=None, column_index=-1, **kwargs):
    rows = _call("get_list", list_name)
    if rows is None:
        return False, f"custom list {list_name} does not exist", None
    return True, "", rows


def vault_info(vault_id=None, file_name=None, container_id=None, trace=False, **kwargs):
    """(success, message, [info]) from Vigil's vault; each file's bytes are written at its info's
    `path` in the sandbox's in-memory file system, so the playbook can open it as in SOAR."""
    infos = _call("vault_info", vault_id, file_name, container_id)
    for info in infos:
        content = info.pop("content", None)
        if content is not None:
            _os.makedirs(_os.path.dirname(info["path"]), exist_ok=True)
            with open(info["path"], "wb") as f:
                f.write(_base64.b64decode(content))
    if not infos:
        return False, "no vault file matches", []
    return True, f"{len(infos)} vault file(s) found", infos


def vault_add(container=None, file_location=None, file_name=None, metadata=None, trace=False, **kwargs):
    """Adds a file of the sandbox (written under /opt/phantom/vault/tmp/, say) to the container's
    vault: (success, message, vault_id)."""
    if not file_location:
        return False, "vault_add: file_location is required", None
    try:
        with open(file_location, "rb") as f:
            data = f.read()
    except OSError as e:
        return False, f"vault_add: cannot read {file_location}: {e.strerror}", None
    cid = container.get("id") if isinstance(container, dict) else container
    name = file_name or _os.path.basename(file_location)
    mime = (metadata or {}).get("mime_type") if isinstance(metadata, dict) else None
    try:
        vault_id = _call("vault_add", cid, name, _base64.b64encode(data).decode("ascii"), mime, metadata or {})
    except HostError as e:
        return False, str(e), None
    return True, "file added to the vault", vault_id


def get_base_url(**kwargs):
    return _call("get_base_url")


def build_phantom_rest_url(*parts):
    base = get_base_url().rstrip("/")
    return "/".join([base, "rest"] + [_quote(str(p), safe="") for p in parts])


class Response:
    """What phantom.requests returns: the parts of requests.Response playbooks use."""

    def __init__(self, answer):
        self.status_code = answer["status_code"]
        self.text = answer["text"]
        self.content = self.text.encode("utf-8")
        self.headers = answer.get("headers") or {}
        self.url = answer.get("url", "")
        self.ok = 200 <= self.status_code < 400
        self.reason = "OK" if self.ok else "Error"
        self.encoding = "utf-8"

    def json(self, **kwargs):
        return _json.loads(self.text)

    def raise_for_status(self):
        if not self.ok:
            raise HTTPError(f"{self.status_code} Error for url: {self.url}: {self.text[:200]}", response=self)

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return f"<Response [{self.status_code}]>"


class HTTPError(Exception):
    def __init__(self, message, response=None):
        super().__init__(message)
        self.response = response


class _Requests:
    """phantom.requests: Vigil's own REST API as the run's user (the engine performs the request,
    lib/engine/python/rest-bridge.ts); any other host is refused."""

    exceptions = type("exceptions", (), {"HTTPError": HTTPError, "RequestException": HTTPError})

    def request(self, method, url=None, params=None, data=None, json=None, headers=None, uri=None, **kwargs):
        answer = _call("rest_request", {"method": method, "url": url if url is not None else uri, "params": params, "data": data, "json": json, "headers": headers})
        return Response(answer)

    def get(self, url=None, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url=None, **kwargs):
        return self.request("POST", url, **kwargs)

    def put(self, url=None, **kwargs):
        return self.request("PUT", url, **kwargs)

    def patch(self, url=None, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def delete(self, url=None, **kwargs):
        return self.request("DELETE", url, **kwargs)

    def head(self, url=None, **kwargs):
        return self.request("HEAD", url, **kwargs)


requests = _Requests()
