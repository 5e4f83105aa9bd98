# source: https://github.com/timothybrooks/instruct-pix2pix/issues/151
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

import json

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from ddpm_edit import EditDiffusion


class EditUNet(nn.Module):
    def __init__(self, latent_ch=4, text_dim=768, width=192, num_timesteps=1000):
        super().__init__()
        self.t_emb = nn.Embedding(num_timesteps, width)
        self.txt = nn.Linear(text_dim, width)
        self.inp = nn.Conv2d(2 * latent_ch, width, 3, padding=1)
        self.body = nn.Sequential(nn.GroupNorm(32, width), nn.SiLU(), nn.Conv2d(width, width, 3, padding=1), nn.SiLU())
        self.out = nn.Conv2d(width, latent_ch, 3, padding=1)

    def forward(self, x, t, text_emb):
        h = self.inp(x) + (self.t_emb(t) + self.txt(text_emb))[:, :, None, None]
        return self.out(self.body(h))


class EditPairs(Dataset):
    def __init__(self, index_file):
        with open(index_file) as f:
            self.records = json.load(f)

    def __len__(self):
        return len(self.records)

    def __getitem__(self, i):
        rec = torch.load(self.records[i]["latents"])
        return {"edited": rec["edited"], "source": rec["source"], "text_emb": rec["prompt_emb"]}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = EditDiffusion(EditUNet()).to(device)
    optimizer = torch.optim.AdamW(model.model.parameters(), lr=1e-4)
    loader = DataLoader(EditPairs("data/seeds_latents.json"), batch_size=8, shuffle=True, num_workers=4)

    for epoch in range(10):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(batch["edited"], batch["source"], batch["text_emb"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 200 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
