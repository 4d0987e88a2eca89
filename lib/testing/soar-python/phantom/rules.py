# A stand-in for SOAR's `phantom.rules` module, enough to run SOAR's community custom functions
# (../shared/fixtures/soar-custom-functions/) against a real Vigil over its REST API in tests:
# each function does what SOAR's does, through the same REST endpoints. Standard library only.
import json
import os
import sys
import urllib.error
import urllib.request

BASE = os.environ["VIGIL_URL"].rstrip("/")
TOKEN = os.environ["VIGIL_TOKEN"]


class _Response:
    def __init__(self, status, body):
        self.status_code = status
        self.text = body.decode("utf-8")

    def json(self):
        return json.loads(self.text)


class _Requests:
    def _call(self, method, url, data=None):
        body = data.encode("utf-8") if isinstance(data, str) else data
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"ph-auth-token": TOKEN, "content-type": "application/json"})
        try:
            with urllib.request.urlopen(req) as r:
                return _Response(r.status, r.read())
        except urllib.error.HTTPError as e:
            return _Response(e.code, e.read())

    def get(self, url=None, uri=None, verify=True, **kwargs):
        return self._call("GET", url or uri)

    def post(self, url=None, uri=None, data=None, verify=True, **kwargs):
        return self._call("POST", url or uri, data)


requests = _Requests()


def build_phantom_rest_url(*parts):
    return BASE + "/rest/" + "/".join(str(p) for p in parts)


def debug(*args, **kwargs):
    print(*args, file=sys.stderr)


def get_tasks(container):
    """SOAR answers [{success, data: task}] for every task of the container's workbooks."""
    cid = container["id"] if isinstance(container, dict) else container
    r = requests.get(build_phantom_rest_url("workbook_task") + "?_filter_container=%d&page_size=0" % cid).json()
    return [{"success": True, "data": t} for t in r["data"]]


def add_note(container=None, note_type="general", task_id=None, phase_id=None, title="", content="", note_format="markdown", **kwargs):
    cid = container["id"] if isinstance(container, dict) else container
    body = {"container_id": cid, "note_type": note_type, "task_id": task_id, "title": title, "content": content, "note_format": note_format}
    r = requests.post(build_phantom_rest_url("note"), data=json.dumps(body)).json()
    return bool(r.get("success")), r.get("message", ""), r.get("id")


def get_playbook_info():
    return [{"repo_name": os.environ.get("VIGIL_PLAYBOOK_REPO", "local"), "name": os.environ.get("VIGIL_PLAYBOOK", "test")}]


def get_effective_user():
    return int(os.environ["VIGIL_USER_ID"])
