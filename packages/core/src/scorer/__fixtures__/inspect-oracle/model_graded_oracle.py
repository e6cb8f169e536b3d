"""Inspect's own model_graded_qa / model_graded_fact verdicts for the grader replies in model-graded.test.ts.

Each reply is scripted through Inspect's mockllm as the grader. Run with:
  INSPECT_PY_PYTHON=1 ../shared/tools/inspect-py/inspect packages/core/src/scorer/__fixtures__/inspect-oracle/model_graded_oracle.py
"""

import asyncio
import json
import math

from inspect_ai.model import ModelOutput, get_model
from inspect_ai.scorer import Target, model_graded_fact, model_graded_qa
from inspect_ai.solver import TaskState

REPLIES = [
    "The submission says 4.\nGRADE: C",
    "Partly right. GRADE: P",
    "Looks right to me.",
    "GRADE: X",
    "At first GRADE: I, but on reflection\nGRADE: C",
    "GRADE: C at first, then GRADE: X",
    "grade: c",
    "GRADE: Correct",
    "GRADE:",
]


def grader(reply: str):
    return get_model("mockllm/model", custom_outputs=[ModelOutput.from_content("mockllm/model", reply)])


def show(value):
    return "NaN" if isinstance(value, float) and math.isnan(value) else value


async def main() -> None:
    out = []
    for scorer_name, factory in [("model_graded_qa", model_graded_qa), ("model_graded_fact", model_graded_fact)]:
        for partial_credit in [False, True]:
            for reply in REPLIES:
                state = TaskState(model="mockllm/model", sample_id=1, epoch=1, input="What is 2+2?", messages=[])
                state.output = ModelOutput.from_content("mockllm/model", "It is 4")
                score = await factory(partial_credit=partial_credit, model=grader(reply))(state, Target("4"))
                out.append({
                    "scorer": scorer_name, "partial_credit": partial_credit, "reply": reply,
                    "value": show(score.value),
                    "unscored_reason": (score.metadata or {}).get("unscored_reason"),
                })
    print(json.dumps(out))


asyncio.run(main())
