# source: https://github.com/magic-research/bubogpt/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, top-level
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def position_ids_for(input_ids):
    return torch.arange(input_ids.size(1), device="cuda").unsqueeze(0).expand_as(input_ids)


def score(model, tokenizer, text):
    """Mean per-token log-likelihood of `text` under the model."""
    input_ids = tokenizer(text, return_tensors="pt")["input_ids"].cuda()
    with torch.no_grad():
        logits = model(input_ids=input_ids, position_ids=position_ids_for(input_ids)).logits
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    token_logp = logp.gather(-1, input_ids[:, 1:, None]).squeeze(-1)
    return token_logp.mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="gpt2")
    parser.add_argument("--gpu", type=int, default=1)
    parser.add_argument("--texts", nargs="+", default=["a cat sitting on a mat"])
    args = parser.parse_args()

    torch.cuda.set_device(args.gpu)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForCausalLM.from_pretrained(args.model).cuda().eval()
    for text in args.texts:
        print(f"{score(model, tokenizer, text):.3f}  {text}")


if __name__ == "__main__":
    main()
