# Dumps the ToolInfo of Inspect's standard sandbox tools (run with the real Inspect 0.3.260).
import json
from inspect_ai.tool import bash, python, bash_session, text_editor, think
from inspect_ai.tool._tool_def import ToolDef
out = {}
for key, t in [("bash", bash()), ("bash_background_timeout_60", bash(timeout=60, background=True)), ("bash_background", bash(background=True)), ("python", python()), ("bash_session", bash_session()), ("text_editor", text_editor()), ("think", think())]:
    d = ToolDef(t)
    out[key] = {"name": d.name, "description": d.description, "parameters": d.parameters.model_dump(exclude_none=True)}
print(json.dumps(out, indent=2))
