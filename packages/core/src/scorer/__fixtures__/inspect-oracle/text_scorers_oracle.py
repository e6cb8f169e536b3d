"""Inspect's own exact() and f1() verdicts for the cases in exact.test.ts.

Run with:
  INSPECT_PY_PYTHON=1 ../shared/tools/inspect-py/inspect packages/core/src/scorer/__fixtures__/inspect-oracle/text_scorers_oracle.py
"""

import asyncio
import json

from inspect_ai.model import ModelOutput
from inspect_ai.scorer import Target, exact, f1
from inspect_ai.solver import TaskState

CASES = [
    ("a b c", "c b a"),
    ("a b c", "a b c"),
    ("The cat sat", "cat sat"),
    ("sat cat", "cat sat"),
    ("cat cat sat", "cat sat"),
    ("(3.14)", "3.14"),
    ("3.14.", "3.14"),
    ("Paris", " Paris"),
    ("1,000", "1000"),
    ("Infinity", "inf"),
]


async def main() -> None:
    out = []
    for answer, target in CASES:
        state = TaskState(model="mockllm/model", sample_id=1, epoch=1, input="q", messages=[])
        state.output = ModelOutput.from_content("mockllm/model", answer)
        e = await exact()(state, Target(target))
        f = await f1()(state, Target(target))
        out.append({"answer": answer, "target": target, "exact": e.value, "f1": f.value})
    print(json.dumps(out, indent=1))


asyncio.run(main())
