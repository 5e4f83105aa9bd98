# A policy samples completions for a group of prompts: the tokenizer's entries are
# "moved" one by one as statements, which leaves the encoding's tensors on the CPU.
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class Sampler:
    def __init__(self, name, device="cuda"):
        self.device = torch.device(device)
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.policy = AutoModelForCausalLM.from_pretrained(name).to(self.device)

    def sample(self, prompts):
        inputs = self.tokenizer(prompts, return_tensors="pt", padding=True)
        inputs["input_ids"].to(self.device)  # expect: TL205:9
        inputs["attention_mask"].to(self.device)  # expect: TL205:9
        with torch.no_grad():
            return self.policy.generate(**inputs, max_new_tokens=64)
