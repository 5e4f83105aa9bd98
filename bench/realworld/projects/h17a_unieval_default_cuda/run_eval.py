# source: https://github.com/maszhongming/UniEval/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, top-level
# bug-lines: 18
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json
import sys

from evaluator import get_evaluator

with open(sys.argv[1], encoding="utf-8") as fh:
    records = [json.loads(line) for line in fh]

samples = [{"source": r["article"], "output": r["summary"]} for r in records]

evaluator = get_evaluator("summarization")
scores = evaluator.evaluate(samples)

for rec, sc in zip(records, scores):
    overall = sum(sc.values()) / len(sc)
    print(rec.get("id", "?"), {k: round(v, 3) for k, v in sc.items()}, round(overall, 3))
