# source: https://github.com/alvinliu0/HumanGaussian/issues/25
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, multi-file, loader-loop, batch-dict
# cpu: no needs a GPU
# needs: torch
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from system import AvatarSystem


class RandomCameraDataset(Dataset):
    def __init__(self, n_views=32):
        self.n_views = n_views

    def __len__(self):
        return self.n_views

    def __getitem__(self, idx):
        c2w = torch.eye(4)[:3]
        c2w[:, 3] = torch.randn(3)
        return {"c2w": c2w, "mask": torch.ones(32, 32, dtype=torch.bool)}


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cfg = {"guidance": {"half_precision_weights": args.half_precision_weights}}
    system = AvatarSystem(cfg, device)
    system.renderer.to(device)
    optimizer = torch.optim.Adam(system.renderer.parameters(), lr=args.lr)
    loader = DataLoader(RandomCameraDataset(), batch_size=args.batch_size, shuffle=True)
    for epoch in range(args.epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            out = system.training_step(batch)
            optimizer.zero_grad()
            out["loss"].backward()
            optimizer.step()
        print(f"epoch {epoch}: loss_sds={out['loss_sds'].item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--half_precision_weights", type=int, default=1)
    parser.add_argument("--batch_size", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-2)
    main(parser.parse_args())
