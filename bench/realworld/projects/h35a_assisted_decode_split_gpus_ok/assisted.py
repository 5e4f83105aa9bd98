# source: https://github.com/huggingface/transformers/issues/35099
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# looks-like: current-gpu-mismatch
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Greedy assisted decoding where the assistant proposes k tokens and the target verifies them."""
import torch

from loaders import model_device


@torch.no_grad()
def propose(assistant, ids, k):
    draft = ids.to(model_device(assistant))
    for _ in range(k):
        next_tok = assistant(draft).logits[:, -1:].argmax(-1)
        draft = torch.cat([draft, next_tok], dim=1)
    return draft[:, ids.shape[1]:]


@torch.no_grad()
def assisted_generate(target, assistant, input_ids, max_new_tokens=64, k=5, eos_token_id=None):
    target_dev = model_device(target)
    ids = input_ids.to(target_dev)
    prompt_len = ids.shape[1]
    while ids.shape[1] - prompt_len < max_new_tokens:
        candidates = propose(assistant, ids, k).to(target_dev)
        logits = target(torch.cat([ids, candidates], dim=1)).logits
        preds = logits[:, ids.shape[1] - 1:].argmax(-1)  # k + 1 target choices
        matches = (preds[:, :-1] == candidates).int().cumprod(dim=1).sum().item()
        accepted = torch.cat([candidates[:, :matches], preds[:, matches:matches + 1]], dim=1)
        ids = torch.cat([ids, accepted], dim=1)
        if eos_token_id is not None and (accepted == eos_token_id).any():
            break
    return ids[:, : prompt_len + max_new_tokens]
