# source: https://github.com/huggingface/transformers/pull/38985
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: helper, loader-loop, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


def load(name, device):
    tok = AutoTokenizer.from_pretrained(name, padding_side="left")
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16)
    model.to(device)
    model.eval()
    return tok, model


@torch.no_grad()
def generate_batch(model, tok, prompts, device, max_new_tokens=64):
    enc = tok(prompts, return_tensors="pt", padding=True)
    # BatchEncoding.to() rewrites its own dict and returns self, so no reassignment needed
    enc.to(device)
    out = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False,
                         pad_token_id=tok.pad_token_id)
    new_tokens = out[:, enc["input_ids"].shape[1]:]
    return tok.batch_decode(new_tokens, skip_special_tokens=True)


def run_eval(model, tok, records, device, batch_size=8):
    loader = DataLoader(records, batch_size=batch_size, collate_fn=lambda rows: rows)
    results = []
    for rows in loader:
        completions = generate_batch(model, tok, [r["prompt"] for r in rows], device)
        for r, c in zip(rows, completions):
            results.append({"id": r["id"], "completion": c, "match": r["answer"].strip() in c})
    return results


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok, model = load("Qwen/Qwen2.5-0.5B-Instruct", device)
    records = [{"id": i, "prompt": f"What is {i} + {i}? Answer:", "answer": str(2 * i)} for i in range(32)]
    results = run_eval(model, tok, records, device)
    print(json.dumps({"accuracy": sum(r["match"] for r in results) / len(results)}))
