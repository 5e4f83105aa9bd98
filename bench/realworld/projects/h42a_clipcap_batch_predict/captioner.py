# source: https://github.com/yangjianxin1/ClipCap-Chinese/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""ClipCap-style prefix captioner: a CLIP image embedding is mapped to GPT-2 prefix tokens."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import GPT2LMHeadModel


class ClipCaptionModel(nn.Module):
    def __init__(self, gpt2_path, prefix_len=10, clip_size=512):
        super().__init__()
        self.gpt2 = GPT2LMHeadModel.from_pretrained(gpt2_path)
        self.prefix_len = prefix_len
        self.prefix_size = self.gpt2.config.n_embd
        hidden = self.prefix_size * prefix_len // 2
        self.clip_project = nn.Sequential(
            nn.Linear(clip_size, hidden), nn.Tanh(), nn.Linear(hidden, self.prefix_size * prefix_len)
        )

    def prefix_embeds(self, clip_embeds):
        return self.clip_project(clip_embeds).view(-1, self.prefix_len, self.prefix_size)


@torch.no_grad()
def generate_captions(model, clip_embeds, tokenizer, max_len=40, top_p=0.8, temperature=1.0):
    inputs_embeds = model.prefix_embeds(clip_embeds)
    finished = torch.zeros(clip_embeds.size(0), dtype=torch.bool, device=clip_embeds.device)
    token_ids = []
    for _ in range(max_len):
        logits = model.gpt2(inputs_embeds=inputs_embeds).logits[:, -1, :] / temperature
        sorted_logits, sorted_idx = torch.sort(logits, descending=True)
        cum_probs = F.softmax(sorted_logits, dim=-1).cumsum(dim=-1)
        sorted_logits[cum_probs - F.softmax(sorted_logits, dim=-1) > top_p] = -float("inf")
        choice = torch.multinomial(F.softmax(sorted_logits, dim=-1), 1)
        next_ids = sorted_idx.gather(1, choice).squeeze(1)
        next_ids = next_ids.masked_fill(finished, tokenizer.eos_token_id)
        finished |= next_ids == tokenizer.eos_token_id
        token_ids.append(next_ids)
        next_embeds = model.gpt2.transformer.wte(next_ids).unsqueeze(1)
        inputs_embeds = torch.cat([inputs_embeds, next_embeds], dim=1)
        if finished.all():
            break
    ids = torch.stack(token_ids, dim=1).tolist()
    return [tokenizer.decode(seq, skip_special_tokens=True).strip() for seq in ids]
