# source: https://github.com/dottxt-ai/outlines/issues/656
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Thin wrapper that owns the tokenizer and the causal LM used by the generators."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class LocalLM:
    def __init__(self, model_name="mistralai/Mistral-7B-Instruct-v0.2", device="cuda"):
        self.device = torch.device(device)
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.float16)
        self.model.to(self.device)
        self.model.eval()

    def chat_prompt(self, instruction):
        messages = [{"role": "user", "content": instruction}]
        return self.tokenizer.apply_chat_template(messages, tokenize=False,
                                                  add_generation_prompt=True)

    def decode_new(self, output_ids, prompt_len):
        return self.tokenizer.decode(output_ids[0, prompt_len:], skip_special_tokens=True)
