# source: https://github.com/FlagOpen/FlagEmbedding/issues/613
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: hard-coded-cuda
# shape: class, batch-dict, loader-loop
# bug-lines: 23, 37
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""LLM-based reranker (yes/no logit) for the second retrieval stage."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

PROMPT = ("Given a query A and a passage B, determine whether the passage contains an answer "
          "to the query by providing a prediction of either 'Yes' or 'No'.")


class LLMReranker:
    def __init__(self, model_name, device="cuda:0", use_fp16=True, max_length=1024):
        self.device = torch.device(device)
        self.max_length = max_length
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        dtype = torch.float16 if use_fp16 else torch.float32
        model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=dtype)
        self.model = model.to("cuda").eval()
        self.yes_id = self.tokenizer("Yes", add_special_tokens=False)["input_ids"][0]

    def _build_batch(self, pairs):
        texts = [f"A: {q}\nB: {p}\n{PROMPT}" for q, p in pairs]
        return self.tokenizer(texts, padding=True, truncation=True,
                              max_length=self.max_length, return_tensors="pt")

    @torch.no_grad()
    def compute_score(self, pairs, batch_size=8):
        scores = []
        for start in range(0, len(pairs), batch_size):
            batch = self._build_batch(pairs[start:start + batch_size])
            batch = {k: v.to(self.device) for k, v in batch.items()}
            logits = self.model(**batch).logits[:, -1, :]
            scores.extend(logits[:, self.yes_id].float().cpu().tolist())
        return scores


if __name__ == "__main__":
    # cuda:0 already holds the bge-m3 embedding model, so the reranker goes on the second card
    reranker = LLMReranker("BAAI/bge-reranker-v2-gemma", device="cuda:1")
    query = "what is panda?"
    passages = ["The giant panda is a bear species endemic to China.", "hi"]
    print(reranker.compute_score([(query, p) for p in passages]))
