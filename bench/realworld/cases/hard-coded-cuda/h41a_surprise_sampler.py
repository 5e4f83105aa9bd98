# source: https://github.com/oobabooga/textgen/issues/4763
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 24
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, LogitsProcessor, LogitsProcessorList


class AdaptiveSurpriseWarper(LogitsProcessor):
    """Keeps the head of the distribution whose surprise stays under a running budget."""

    def __init__(self, target_surprise=5.0, lr=0.1):
        self.target = target_surprise
        self.lr = lr
        self.max_surprise = 2 * target_surprise

    def __call__(self, input_ids, scores):
        ranked, order = torch.sort(scores, dim=-1, descending=True)
        probs = torch.softmax(ranked, dim=-1).to("cuda")
        surprise = -torch.log2(probs.clamp_min(1e-12))
        cutoff = surprise > self.max_surprise
        cutoff[..., 0] = False
        observed = (probs * surprise).masked_fill(cutoff, 0.0).sum(-1).mean().item()
        self.max_surprise -= self.lr * (observed - self.target)
        mask = cutoff.scatter(-1, order, cutoff)
        return scores.masked_fill(mask, float("-inf"))


def load_model(path, use_cpu):
    if use_cpu or not torch.cuda.is_available():
        device, dtype = torch.device("cpu"), torch.float32
    else:
        device, dtype = torch.device("cuda"), torch.float16
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=dtype).to(device).eval()
    return model, tokenizer, device


def generate_reply(model, tokenizer, device, prompt, max_new_tokens=200):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    processors = LogitsProcessorList([AdaptiveSurpriseWarper()])
    with torch.no_grad():
        out = model.generate(
            **inputs,
            do_sample=True,
            max_new_tokens=max_new_tokens,
            logits_processor=processors,
        )
    new_tokens = out[0, inputs["input_ids"].shape[1]:]
    return tokenizer.decode(new_tokens, skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    model, tokenizer, device = load_model(args.model, args.cpu)
    print(f"Loaded {args.model} on {device}")
    while True:
        prompt = input("> ")
        if not prompt:
            break
        print(generate_reply(model, tokenizer, device, prompt))


if __name__ == "__main__":
    main()
