# source: https://github.com/maszhongming/UniEval/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper
# bug-lines: 23, 40
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from scorer import BoolQScorer

DIMENSIONS = {
    "summarization": ["coherence", "consistency", "fluency", "relevance"],
    "dialogue": ["naturalness", "coherence", "engagingness", "groundedness"],
}
QUESTIONS = {
    "coherence": "Is this a coherent summary to the document?",
    "consistency": "Is this claim consistent with the document?",
    "fluency": "Is this a fluent paragraph?",
    "relevance": "Is this summary relevant to the reference?",
}


class SumEvaluator:
    def __init__(self, max_length=1024, device="cuda:0", cache_dir=None):
        self.scorer = BoolQScorer("MingZhong/unieval-sum", max_length=max_length,
                                  device=device, cache_dir=cache_dir)
        self.dims = DIMENSIONS["summarization"]

    def evaluate(self, samples):
        results = [dict() for _ in samples]
        for dim in self.dims:
            prompts = [
                f"question: {QUESTIONS[dim]} </s> summary: {s['output']} </s> document: {s['source']}"
                for s in samples
            ]
            for res, value in zip(results, self.scorer.score(prompts)):
                res[dim] = value
        return results


def get_evaluator(task, max_length=1024, device="cuda:0", cache_dir=None):
    if task == "summarization":
        return SumEvaluator(max_length=max_length, device=device, cache_dir=cache_dir)
    raise ValueError(f"unsupported task: {task}")
