# source: https://github.com/nerfstudio-project/nerfstudio/pull/2381
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import VanillaNeRF


def load_rays(path):
    data = torch.load(path, map_location="cpu")
    return TensorDataset(data["origins"], data["directions"], data["rgb"])


def train(path="blender_lego_rays.pt", steps=20000, near=2.0, far=6.0):
    device = torch.device("cuda")
    model = VanillaNeRF(background_color="white").to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    loader = DataLoader(load_rays(path), batch_size=4096, shuffle=True, drop_last=True)
    step = 0
    while step < steps:
        for origins, directions, target in loader:
            n = origins.shape[0]
            ray_bundle = {
                "origins": origins.to(device),
                "directions": directions.to(device),
                "near": torch.full((n, 1), near, device=device),
                "far": torch.full((n, 1), far, device=device),
            }
            outputs = model(ray_bundle)
            loss = torch.nn.functional.mse_loss(outputs["rgb"], target.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % 500 == 0:
                print(f"step {step} loss {loss.item():.5f}")


if __name__ == "__main__":
    train()
