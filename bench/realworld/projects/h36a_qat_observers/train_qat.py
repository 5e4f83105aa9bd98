# source: https://github.com/pytorch/pytorch/pull/44115
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, loader-loop
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from fakequant import attach_fake_quant
from model import KeywordSpotter

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def get_loader(n=2048, batch_size=64):
    feats = torch.randn(n, 1, 40, 101)
    labels = torch.randint(0, 12, (n,))
    return DataLoader(TensorDataset(feats, labels), batch_size=batch_size, shuffle=True)


def main(float_ckpt="kws_float.pt", epochs=5):
    model = KeywordSpotter().to(device)
    if os.path.exists(float_ckpt):
        model.load_state_dict(torch.load(float_ckpt, map_location=device))
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
            m.weight.requires_grad_(False)
            m.bias.requires_grad_(False)
    model = attach_fake_quant(model)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad],
                                lr=1e-3, momentum=0.9)
    criterion = nn.CrossEntropyLoss()
    loader = get_loader()
    for epoch in range(epochs):
        running = 0.0
        for feats, labels in loader:
            feats, labels = feats.to(device), labels.to(device)
            loss = criterion(model(feats), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"qat epoch {epoch}: loss {running / len(loader):.4f}")
    torch.save(model.state_dict(), "kws_qat.pt")


if __name__ == "__main__":
    main()
