# source: https://github.com/tryonlabs/opentryon/pull/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from network import GarmentPersonUNet


class TryOnPairs(Dataset):
    def __init__(self, n=256, size=64):
        self.n = n
        self.size = size

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        g = torch.Generator().manual_seed(idx)
        person = torch.rand(3, self.size, self.size, generator=g) * 2 - 1
        garment = torch.rand(3, self.size, self.size, generator=g) * 2 - 1
        target = torch.rand(3, self.size, self.size, generator=g) * 2 - 1
        return {"person": person, "garment": garment, "target": target}


def train(epochs=2, device="cuda"):
    model = GarmentPersonUNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = DataLoader(TryOnPairs(), batch_size=8, shuffle=True)
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            noise_level = torch.rand(batch["person"].size(0), device=device) * 0.3
            pred = model(batch["person"], batch["garment"], noise_level)
            loss = F.l1_loss(pred, batch["target"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    train()
