# source: https://github.com/huggingface/trl/issues/525
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: helper, batch-dict, loader-loop
# bug-lines: 20, 21
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import copy

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

def pad_to_length(t, length, pad_value):
    if t.size(1) >= length:
        return t
    pad = torch.full((t.size(0), length - t.size(1)), pad_value, dtype=t.dtype)
    return torch.cat([t, pad], dim=1)

def concatenated_inputs(batch, pad_id):
    max_len = max(batch["chosen_input_ids"].size(1), batch["rejected_input_ids"].size(1))
    out = {}
    for key, pad_value in (("input_ids", pad_id), ("attention_mask", 0), ("labels", -100)):
        chosen = pad_to_length(batch[f"chosen_{key}"], max_len, pad_value)
        rejected = pad_to_length(batch[f"rejected_{key}"], max_len, pad_value)
        out[key] = torch.cat([chosen, rejected], dim=0)
    return out

def sequence_logps(logits, labels):
    labels = labels[:, 1:].clone()
    logits = logits[:, :-1, :]
    mask = labels != -100
    labels[~mask] = 0
    per_token = torch.gather(logits.log_softmax(-1), 2, labels.unsqueeze(2)).squeeze(2)
    return (per_token * mask).sum(-1)

def concatenated_forward(model, batch, pad_id):
    concat = concatenated_inputs(batch, pad_id)
    logits = model(concat["input_ids"], attention_mask=concat["attention_mask"]).logits
    logps = sequence_logps(logits.float(), concat["labels"])
    n = batch["chosen_input_ids"].size(0)
    return logps[:n], logps[n:]

def dpo_loss(pi_c, pi_r, ref_c, ref_r, beta=0.1):
    return -F.logsigmoid(beta * ((pi_c - pi_r) - (ref_c - ref_r))).mean()

def make_collate(tok):
    def collate(rows):
        out = {}
        for side in ("chosen", "rejected"):
            enc = tok([r["prompt"] + r[side] for r in rows], return_tensors="pt", padding=True)
            out[f"{side}_input_ids"] = enc["input_ids"]
            out[f"{side}_attention_mask"] = enc["attention_mask"]
            out[f"{side}_labels"] = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        return out
    return collate

def train(policy, ref_model, tok, pairs):
    loader = DataLoader(pairs, batch_size=4, shuffle=True, collate_fn=make_collate(tok))
    opt = torch.optim.AdamW(policy.parameters(), lr=5e-7)
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        pi_c, pi_r = concatenated_forward(policy, batch, tok.pad_token_id)
        with torch.no_grad():
            ref_c, ref_r = concatenated_forward(ref_model, batch, tok.pad_token_id)
        loss = dpo_loss(pi_c, pi_r, ref_c, ref_r)
        loss.backward()
        opt.step()
        opt.zero_grad()

if __name__ == "__main__":
    tok = AutoTokenizer.from_pretrained("gpt2")
    tok.pad_token = tok.eos_token
    policy = AutoModelForCausalLM.from_pretrained("gpt2").to(device)
    ref = copy.deepcopy(policy).eval()
    pairs = [{"prompt": "Q: 2+2? A:", "chosen": " 4", "rejected": " five, probably"}] * 16
    train(policy, ref, tok, pairs)
