# source: https://github.com/monniert/differentiable-blocksworld/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, loader-loop
# cpu: clean
# needs: torch

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from model import BlocksWorld

CFG = {"n_blocks": 8, "faces_per_block": 6, "bkg_faces": 4, "lr": 5e-3, "epochs": 2, "batch_size": 4}


def make_views(cfg, n_views=16, h=8, w=8):
    n_faces = cfg["bkg_faces"] + cfg["n_blocks"] * cfg["faces_per_block"]
    pix_to_face = torch.randint(0, n_faces, (n_views, h, w))
    images = torch.rand(n_views, h, w, 3)
    return TensorDataset(pix_to_face, images)


def main(cfg):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = BlocksWorld(cfg["n_blocks"], cfg["faces_per_block"], cfg["bkg_faces"]).to(device)
    optim = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    loader = DataLoader(make_views(cfg), batch_size=cfg["batch_size"], shuffle=True)
    for epoch in range(cfg["epochs"]):
        for pix_to_face, images in loader:
            pix_to_face, images = pix_to_face.to(device), images.to(device)
            rendered = model(pix_to_face)
            loss = F.mse_loss(rendered, images)
            optim.zero_grad()
            loss.backward()
            optim.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main(CFG)
