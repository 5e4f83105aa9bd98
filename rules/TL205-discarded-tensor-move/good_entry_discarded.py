# The encoding is moved as a whole (`BatchEncoding.to` returns it, moved), and kept.
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class Sampler:
    def __init__(self, name, device="cuda"):
        self.device = torch.device(device)
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.policy = AutoModelForCausalLM.from_pretrained(name).to(self.device)

    def sample(self, prompts):
        inputs = self.tokenizer(prompts, return_tensors="pt", padding=True).to(self.device)
        with torch.no_grad():
            return self.policy.generate(**inputs, max_new_tokens=64)
