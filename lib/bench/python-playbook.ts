// The benchmark playbook of lib/bench/playbooks.ts as a SOAR Python playbook, written as SOAR's
// generator writes one (SOAR-PLAYBOOKS.md §3): filter on severity -> "get data" of the HTTP app
// -> decision on its status -> format -> add note. Same blocks, same data, so the two figures
// compare the front-ends over one engine.
const CODE = `import json
import phantom.rules as phantom


def on_start(container):
    phantom.debug("on_start() called")
    severe(container=container)


@phantom.playbook_block()
def severe(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    matched_artifacts_1, matched_results_1 = phantom.condition(container=container, logical_operator="or", conditions=[
        ["container:severity", "==", "high"], ["container:severity", "==", "medium"]], name="severe:condition_1")
    if matched_artifacts_1 or matched_results_1:
        get_data_1(action=action, success=success, container=container, results=results, handle=handle)


@phantom.playbook_block()
def get_data_1(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    parameters = [{"location": "/status"}]
    phantom.act("get data", parameters=parameters, name="get_data_1", assets=["bench http"], callback=fetched)


@phantom.playbook_block()
def fetched(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    found = phantom.decision(container=container, conditions=[["get_data_1:action_result.status", "==", "success"]])
    phantom.debug(f"fetched: {found}")
    summary(container=container)


@phantom.playbook_block()
def summary(action=None, success=None, container=None, results=None, handle=None, filtered_artifacts=None, filtered_results=None, custom_function=None, **kwargs):
    template = "%%{0} -> {1}\\n%%"
    parameters = ["artifact:*.cef.sourceAddress", "artifact:*.cef.destinationAddress"]
    phantom.format(container=container, template=template, parameters=parameters, name="summary")
    phantom.add_note(container=container, title="bench", content=phantom.get_format_data(name="summary"), note_format="markdown")


def on_finish(container, summary):
    phantom.debug("on_finish() called")
`;

export const PYTHON_PLAYBOOK = { name: "bench python playbook", labels: ["bench_pb"], active: true, language: "python", code: CODE };
