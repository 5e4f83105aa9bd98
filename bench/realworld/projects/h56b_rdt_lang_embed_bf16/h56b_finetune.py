# source: https://github.com/thu-ml/RoboticsDiffusionTransformer/issues/21
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got BFloat16 and Float
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 48, 49
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fine-tune the diffusion action head on demonstrations collected on our arm."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from h56b_data import ArmEpisodeDataset, InstructionEmbeddingCache
from h56b_runner import DiffusionPolicyRunner


class ToyTextEncoder(nn.Module):
    def __init__(self, vocab=8000, dim=4096):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, ids):
        return self.proj(self.embed(ids))


def toy_tokenizer(text, max_len=16):
    ids = [hash(w) % 8000 for w in text.split()][:max_len]
    return torch.tensor([ids + [0] * (max_len - len(ids))])


def make_episodes(n=16, length=200):
    tasks = ["pick up the red cup", "open the drawer", "fold the towel"]
    return [{"instruction": tasks[i % 3], "img_tokens": torch.randn(length, 2, 1152),
             "state": torch.randn(length, 128), "actions": torch.randn(length, 14)}
            for i in range(n)]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    episodes = make_episodes()
    cache = InstructionEmbeddingCache(ToyTextEncoder(), toy_tokenizer, device)
    lang = cache.precompute(ep["instruction"] for ep in episodes)
    loader = DataLoader(ArmEpisodeDataset(episodes, lang), batch_size=8, shuffle=True)
    runner = DiffusionPolicyRunner().to(device)
    optimizer = torch.optim.AdamW(runner.parameters(), lr=1e-4, weight_decay=0.01)
    for step, batch in enumerate(loader):
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        loss = runner.compute_loss(batch["lang_embeds"], batch["img_tokens"],
                                   batch["state"], batch["actions"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(step, loss.item())


if __name__ == "__main__":
    main()
