# The tutorial task of ctf_task.py on Inspect's mockllm, playing the fixed script in script.json. mockllm hands out
# custom_outputs in order across all samples, so run with --max-samples 1 (samples then run in dataset order).
import json
from pathlib import Path

from ctf_task import ctf
from inspect_ai import task, task_with
from inspect_ai.model import ModelOutput, get_model

SCRIPT = json.loads((Path(__file__).parent / "script.json").read_text())


@task
def ctf_scripted():
    outputs = [
        ModelOutput.for_tool_call("mockllm/model", call["function"], call["arguments"])
        for sample in ctf().dataset
        for call in SCRIPT[sample.id]
    ]
    return task_with(ctf(), model=get_model("mockllm/model", custom_outputs=outputs))
