"""Runs `inspect score` (inspect_ai 0.3.260's own command, in one process) on each log given, rebuilding the scorers
the log records in `eval.scorers`, and prints one line `INSPECT-SCORE <json>` per log: {"log", "ok", "error"?, "scores"?}.

  INSPECT_PY_PYTHON=1 ../shared/tools/inspect-py/inspect packages/core/test/inspect_score_logs.py LOG...
"""

import asyncio
import json
import math
import os
import sys
import tempfile

from inspect_ai._cli.score import score
from inspect_ai.log import read_eval_log


def _plain(value: float) -> float | str:
    # JSON has no NaN: an unscored metric is sent as the string "NaN".
    return "NaN" if math.isnan(value) else value


async def main(logs: list[str]) -> None:
    out_dir = tempfile.mkdtemp(prefix="inspect-score-")
    for log in logs:
        output = os.path.join(out_dir, os.path.basename(log))
        try:
            await score(
                log_dir=os.path.dirname(log), log_file=log, scorer=None, s=None, metric=None,
                overwrite=False, action="overwrite", log_level="error", output_file=output,
            )
            scored = read_eval_log(output)
            scores = [
                {"name": s.name, "metrics": {k: _plain(m.value) for k, m in s.metrics.items()}}
                for s in (scored.results.scores if scored.results else [])
            ]
            print("INSPECT-SCORE " + json.dumps({"log": log, "ok": True, "scores": scores}), flush=True)
        except BaseException as error:  # noqa: BLE001 - report every failure, as the CLI would
            print("INSPECT-SCORE " + json.dumps({"log": log, "ok": False, "error": f"{type(error).__name__}: {error}"}), flush=True)


asyncio.run(main(sys.argv[1:]))
