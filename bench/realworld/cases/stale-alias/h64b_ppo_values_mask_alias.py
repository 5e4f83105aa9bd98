# source: https://github.com/huggingface/trl/issues/1691
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: batch-dict, loader-loop, helper
# bug-lines: 44, 45, 51
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM


class ValueModel(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.lm = AutoModelForCausalLM.from_pretrained(name)
        self.v_head = nn.Linear(self.lm.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask):
        out = self.lm(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        return out.logits, self.v_head(out.hidden_states[-1]).squeeze(-1)


def response_mask(query_ids, response_ids):
    full = torch.cat([query_ids, response_ids], dim=1)
    mask = torch.zeros_like(full, dtype=torch.float32)
    mask[:, query_ids.size(1) - 1 : full.size(1) - 1] = 1.0
    return mask


def compute_advantages(values, rewards, mask, gamma=1.0, lam=0.95):
    values = values * mask
    last_gae, advs = 0.0, []
    for t in reversed(range(values.size(1))):
        next_v = values[:, t + 1] if t + 1 < values.size(1) else 0.0
        delta = rewards[:, t] + gamma * next_v - values[:, t]
        last_gae = delta + gamma * lam * last_gae
        advs.append(last_gae)
    return torch.stack(advs[::-1], dim=1) * mask


def rollout_step(model, batch, device):
    query_ids = batch["query_ids"]
    response_ids = batch["response_ids"]
    batch = {k: v.to(device) for k, v in batch.items()}
    input_ids = torch.cat([batch["query_ids"], batch["response_ids"]], dim=1)
    attention_mask = torch.ones_like(input_ids)
    with torch.no_grad():
        _, values = model(input_ids, attention_mask)
    mask = response_mask(query_ids, response_ids)
    rewards = torch.zeros_like(values)
    rewards[:, -2] = batch["score"]
    return compute_advantages(values, rewards, mask)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = ValueModel("gpt2").to(device).eval()
    rows = [{"query_ids": torch.randint(0, 50257, (12,)), "response_ids": torch.randint(0, 50257, (20,)),
             "score": torch.tensor(0.7)} for _ in range(32)]
    for batch in DataLoader(rows, batch_size=8):
        adv = rollout_step(model, batch, device)
        print(adv.mean().item())
