# source: https://github.com/dnn-security/Watermark-Robustness-Toolbox/issues/2
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Float'
# pattern: loss-target-dtype
# shape: loader-loop, helper
# looks-like: loss-target-dtype
# needs: torch, numpy, torchvision
# cpu: no written where torch was not installed; not run
"""Embed a backdoor-style watermark into a CIFAR-10 classifier by fine-tuning on a trigger set."""
import numpy as np
import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader, Subset, TensorDataset
from torchvision import transforms


def load_trigger_set(path):
    data = np.load(path)
    images = torch.from_numpy(data["images"].astype(np.float32) / 255.0).permute(0, 3, 1, 2)
    # labels are stored as float32 in the .npz export, cast to class indices
    labels = torch.from_numpy(data["labels"]).to(torch.int64)
    return TensorDataset(images, labels)


def embed(model, clean_loader, trigger_loader, device, epochs=5, lr=1e-3):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.train()
    for epoch in range(epochs):
        for (x_clean, y_clean), (x_wm, y_wm) in zip(clean_loader, trigger_loader):
            inputs = torch.cat([x_clean, x_wm]).to(device)
            labels = torch.cat([y_clean, y_wm]).to(device)
            optimizer.zero_grad()
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} last loss {loss.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    cifar = torchvision.datasets.CIFAR10("data", train=True, download=True,
                                         transform=transforms.ToTensor())
    clean_loader = DataLoader(Subset(cifar, range(5000)), batch_size=48, shuffle=True)
    trigger_loader = DataLoader(load_trigger_set("wm_trigger_set.npz"), batch_size=16,
                                shuffle=True)
    model = torchvision.models.resnet18(num_classes=10).to(device)
    embed(model, clean_loader, trigger_loader, device)
    torch.save(model.state_dict(), "resnet18_watermarked.pth")
