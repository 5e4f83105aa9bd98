# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/64
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from model import HANDS, TwoHandNet


def main(epochs=2):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TwoHandNet()
    hand_layers = [model.mano[side] for side in HANDS]  # kept for mesh export after training
    model.to(device)

    kp2d = torch.rand(512, len(HANDS), 21, 2)
    joints3d = torch.randn(512, len(HANDS), 21, 3) * 0.05
    loader = DataLoader(TensorDataset(kp2d, joints3d), batch_size=64, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.mse_loss(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.5f}")

    with torch.no_grad():
        rest_pose = torch.zeros(1, 45, device=device)
        betas = torch.zeros(1, 10, device=device)
        for layer in hand_layers:
            verts, _ = layer(rest_pose, betas, torch.zeros(1, 3, device=device))
            print(layer.side, tuple(verts.shape), verts.device)


if __name__ == "__main__":
    main()
