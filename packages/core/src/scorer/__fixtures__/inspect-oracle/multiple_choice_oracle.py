"""Inspect's own verdicts for the multiple-choice cases in shuffled-choice.test.ts.

Runs inspect_ai 0.3.260's dataset shuffle_choices, multiple_choice solver (with its deprecated solver-level
`shuffle`) and choice scorer on scripted model replies. Run with:
  INSPECT_PY_PYTHON=1 ../shared/tools/inspect-py/inspect packages/core/src/scorer/__fixtures__/inspect-oracle/multiple_choice_oracle.py
"""

import asyncio
import json
import re
from random import Random

from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageAssistant, ModelOutput
from inspect_ai.scorer import Target, choice
from inspect_ai.solver import TaskState, multiple_choice

QUESTION = "Which is a prime?"
CHOICES = ["4", "6", "7", "9"]
TARGET = "C"  # "7"


def replier(right: bool, template: str = "ANSWER: {letter}"):
    async def generate(state: TaskState, **kwargs) -> TaskState:
        prompt = state.user_prompt.text
        shown = dict(re.findall(r"^([A-Z])\) (.*)$", prompt, flags=re.MULTILINE))
        letter = next(k for k, v in shown.items() if (v == "7") == right)
        text = template.format(letter=letter)
        state.output = ModelOutput.from_content("mockllm/model", text)
        state.messages.append(ChatMessageAssistant(content=text))
        return state

    return generate


async def run(sample: Sample, right: bool, shuffle, template="ANSWER: {letter}") -> str:
    state = TaskState(
        model="mockllm/model", sample_id=1, epoch=1, input=sample.input, messages=[],
        choices=sample.choices, target=Target(sample.target),
    )
    from inspect_ai.model import ChatMessageUser
    state.messages = [ChatMessageUser(content=sample.input)]
    solver = multiple_choice(shuffle=shuffle) if shuffle else multiple_choice()
    state = await solver(state, replier(right, template))
    score = await choice()(state, Target(sample.target))
    return score.value


async def main() -> None:
    verdicts = {}
    for level in ["none", "dataset", "solver"]:
        for right in [True, False]:
            dataset = MemoryDataset([Sample(input=QUESTION, choices=list(CHOICES), target=TARGET)])
            if level == "dataset":
                dataset.shuffle_choices(seed=7)
            sample = dataset[0]
            shuffle = Random(7) if level == "solver" else False
            verdicts[f"{level}/{'right' if right else 'wrong'}"] = await run(sample, right, shuffle)
    # several ANSWER lines: the last one counts
    sample = Sample(input=QUESTION, choices=list(CHOICES), target=TARGET)
    verdicts["last-answer/right-last"] = await run(sample, True, False, "ANSWER: A\nOn reflection:\nANSWER: {letter}")
    verdicts["last-answer/right-first"] = await run(sample, True, False, "ANSWER: {letter}\nOn reflection:\nANSWER: A")
    verdicts["stray-comma"] = await run(sample, True, False, "ANSWER: {letter},")
    print(json.dumps(verdicts, indent=1))


asyncio.run(main())
