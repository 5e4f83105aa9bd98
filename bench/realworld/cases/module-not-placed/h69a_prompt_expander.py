# source: https://github.com/Nick088Official/SuperPrompt-v1/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: class, helper
# bug-lines: 21, 32
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Expand short user prompts into detailed ones before sending them to the image/LLM backend."""
import sys

import torch
from transformers import T5ForConditionalGeneration, T5Tokenizer


class PromptExpander:
    TEMPLATE = "Expand the following prompt to add more detail: {}"

    def __init__(self, model_id="roborovski/superprompt-v1", device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.tokenizer = T5Tokenizer.from_pretrained("google/flan-t5-large")
        self.model = T5ForConditionalGeneration.from_pretrained(model_id, torch_dtype=torch.float32)
        self.model.eval()

    def _encode(self, prompt):
        text = self.TEMPLATE.format(prompt.strip())
        return self.tokenizer(text, return_tensors="pt").input_ids.to(self.device)

    @torch.no_grad()
    def expand(self, prompt, max_new_tokens=77, seed=0, top_p=0.9):
        torch.manual_seed(seed)
        input_ids = self._encode(prompt)
        outputs = self.model.generate(
            input_ids,
            max_new_tokens=max_new_tokens,
            do_sample=True,
            top_p=top_p,
            repetition_penalty=1.2,
        )
        return self.tokenizer.decode(outputs[0], skip_special_tokens=True)


if __name__ == "__main__":
    expander = PromptExpander()
    with open(sys.argv[1], encoding="utf-8") as f:
        prompts = [line.strip() for line in f if line.strip()]
    for i, p in enumerate(prompts):
        print(f"[{i}] {p}\n  -> {expander.expand(p, seed=i)}")
