# source: https://github.com/pytorch/pytorch/issues/29648
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
from torch.utils.data import DataLoader, TensorDataset

from qat_layers import QATTinyNet

FP32_CKPT = "checkpoints/tinynet_fp32.pth"


def calibrate(model, loader, device, num_batches=8):
    model.eval()
    with torch.no_grad():
        for i, (images, _) in enumerate(loader):
            if i >= num_batches:
                break
            model(images.to(device))


def qat_finetune(model, loader, device, epochs=2):
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    for epoch in range(epochs):
        model.train()
        if epoch == 1:
            model.freeze_observers()
        for images, targets in loader:
            images, targets = images.to(device), targets.to(device)
            loss = torch.nn.functional.cross_entropy(model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = QATTinyNet(num_classes=10)
    if os.path.isfile(FP32_CKPT):
        model.load_state_dict(torch.load(FP32_CKPT, map_location="cpu"), strict=False)
    model.to(device)
    data = TensorDataset(torch.rand(256, 3, 64, 64), torch.randint(0, 10, (256,)))
    loader = DataLoader(data, batch_size=32, shuffle=True)
    calibrate(model, loader, device)
    qat_finetune(model, loader, device)


if __name__ == "__main__":
    main()
