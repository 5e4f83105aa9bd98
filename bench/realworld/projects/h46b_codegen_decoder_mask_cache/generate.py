# source: https://github.com/pytorch/text/pull/1977
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Greedy decoding of function bodies from docstrings with a trained checkpoint."""
import argparse

import torch
from transformers import AutoTokenizer

from model import CodeGenSeq2Seq


@torch.no_grad()
def greedy_generate(model, src_ids, bos_id, eos_id, max_new_tokens=160):
    memory, memory_pad = model.encode(src_ids)
    out = torch.full((src_ids.size(0), 1), bos_id, dtype=torch.long, device=src_ids.device)
    finished = torch.zeros(src_ids.size(0), dtype=torch.bool, device=src_ids.device)
    for _ in range(max_new_tokens):
        logits = model.decode(out, memory, memory_pad)[:, -1, :]
        next_tok = logits.argmax(dim=-1)
        next_tok = torch.where(finished, torch.full_like(next_tok, eos_id), next_tok)
        out = torch.cat([out, next_tok.unsqueeze(1)], dim=1)
        finished |= next_tok.eq(eos_id)
        if finished.all():
            break
    return out[:, 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", default="codegen_seq2seq.pt")
    ap.add_argument("--tokenizer", default="Salesforce/codet5-small")
    ap.add_argument("--batch_size", type=int, default=8)
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok = AutoTokenizer.from_pretrained(args.tokenizer)
    model = CodeGenSeq2Seq(len(tok), pad_id=tok.pad_token_id)
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.to(device).eval()

    prompts = ["Return the n-th Fibonacci number.", "Check whether a string is a palindrome."]
    for i in range(0, len(prompts), args.batch_size):
        chunk = prompts[i:i + args.batch_size]
        enc = tok(chunk, padding=True, return_tensors="pt").to(device)
        gen = greedy_generate(model, enc["input_ids"], tok.pad_token_id, tok.eos_token_id)
        for prompt, ids in zip(chunk, gen):
            print(prompt, "->", tok.decode(ids, skip_special_tokens=True))


if __name__ == "__main__":
    main()
