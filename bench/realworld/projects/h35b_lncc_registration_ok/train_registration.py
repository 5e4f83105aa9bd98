# source: https://github.com/Project-MONAI/MONAI/issues/8819
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from image_losses import LocalNCCLoss
from reg_net import DisplacementNet, warp3d


class PairedMRIDataset(Dataset):
    def __init__(self, n=16, size=32):
        self.fixed = torch.rand(n, 1, size, size, size)
        self.moving = torch.roll(self.fixed, shifts=2, dims=-1)

    def __len__(self):
        return self.fixed.shape[0]

    def __getitem__(self, i):
        return {"fixed_image": self.fixed[i], "moving_image": self.moving[i]}


def main(epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DisplacementNet().to(device)
    image_loss = LocalNCCLoss(kernel_size=7, kernel_type="gaussian").to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = DataLoader(PairedMRIDataset(), batch_size=2, shuffle=True)
    for epoch in range(epochs):
        for batch in loader:
            fixed = batch["fixed_image"].to(device)
            moving = batch["moving_image"].to(device)
            ddf = model(moving, fixed)
            loss = image_loss(warp3d(moving, ddf), fixed) + 0.5 * ddf.pow(2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
