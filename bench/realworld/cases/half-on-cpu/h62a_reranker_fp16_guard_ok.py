# source: https://github.com/FlagOpen/FlagEmbedding/pull/1573
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper, batch-dict
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import List, Optional, Tuple

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def resolve_device(device: Optional[str]) -> torch.device:
    if device is not None:
        return torch.device(device)
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class CrossEncoderReranker:
    """Scores (query, passage) pairs; fp16 is only used when the chosen device is a GPU."""

    def __init__(self, model_name: str = "BAAI/bge-reranker-base", use_fp16: bool = True):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModelForSequenceClassification.from_pretrained(model_name)
        self.model.eval()
        self.use_fp16 = use_fp16

    def _prepare(self, device: torch.device):
        if self.use_fp16 and device.type == "cuda":
            self.model.half()
        else:
            self.model.float()
        self.model.to(device)

    @torch.no_grad()
    def compute_score(self, pairs: List[Tuple[str, str]], device: Optional[str] = None,
                      batch_size: int = 64, max_length: int = 512) -> List[float]:
        dev = resolve_device(device)
        self._prepare(dev)
        scores = []
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start:start + batch_size]
            inputs = self.tokenizer([q for q, _ in chunk], [p for _, p in chunk], padding=True,
                                    truncation=True, max_length=max_length, return_tensors="pt")
            inputs = {k: v.to(dev) for k, v in inputs.items()}
            logits = self.model(**inputs, return_dict=True).logits.view(-1)
            scores.extend(logits.float().cpu().tolist())
        return scores


if __name__ == "__main__":
    reranker = CrossEncoderReranker()
    pairs = [("what is a panda?", "The giant panda is a bear species endemic to China."),
             ("what is a panda?", "Paris is the capital of France.")]
    print(reranker.compute_score(pairs))
    print(reranker.compute_score(pairs, device="cpu"))
