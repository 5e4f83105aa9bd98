import torch
import torch.nn as nn


def pick(logits, temperature=1.0, top_k=None):
    logits = logits / temperature
    if top_k is not None:
        kth, _ = torch.topk(logits, top_k)
        logits = torch.where(logits < kth[..., [-1]], torch.full_like(logits, -1e9), logits)
    return torch.multinomial(torch.softmax(logits, dim=-1), num_samples=1)


def step(model, ids, reference, **sampling):
    # The sampled ids take the type of the CPU prompt, device included.
    return pick(model(ids)[:, -1, :], **sampling).type_as(reference)  # expect: TL204:51 lines=28,19,21


def extend(model, prompt, steps, device, **sampling):
    ids = prompt[None].to(device)
    for _ in range(steps):
        ids = torch.cat((ids, step(model, ids, prompt, **sampling)), dim=1)
    return ids


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Embedding(100, 32), nn.Linear(32, 100)).to(device)
    prompt = torch.tensor([1, 2, 3])
    return extend(model, prompt, 8, device, temperature=0.7, top_k=10)
