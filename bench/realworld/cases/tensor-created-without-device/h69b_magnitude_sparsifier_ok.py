# source: https://github.com/pytorch/pytorch/pull/66412
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Magnitude sparsifier that keeps one mask per Linear layer and re-applies it after every step."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class MagnitudeSparsifier:
    def __init__(self, model, sparsity=0.8):
        self.model = model
        self.sparsity = sparsity
        self.masks = {}

    @torch.no_grad()
    def update_masks(self):
        for name, module in self.model.named_modules():
            if not isinstance(module, nn.Linear):
                continue
            w = module.weight
            scores = w.abs().flatten()
            k = int(scores.numel() * self.sparsity)
            threshold = scores.kthvalue(k).values if k > 0 else scores.min() - 1
            mask = torch.zeros(w.shape, device=w.device, dtype=torch.bool)
            mask[w.abs() > threshold] = True
            self.masks[name] = mask

    @torch.no_grad()
    def apply(self):
        modules = dict(self.model.named_modules())
        for name, mask in self.masks.items():
            modules[name].weight.mul_(mask)


def sparse_finetune(model, loader, device, epochs=3, sparsity=0.8):
    model.to(device)
    sparsifier = MagnitudeSparsifier(model, sparsity)
    sparsifier.update_masks()
    sparsifier.apply()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    for _ in range(epochs):
        for features, labels in loader:
            features, labels = features.to(device), labels.to(device)
            loss = F.cross_entropy(model(features), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            sparsifier.apply()
    return model, sparsifier.masks


if __name__ == "__main__":
    from torch.utils.data import DataLoader, TensorDataset

    data = torch.load("keyword_spotting_mfcc.pt", map_location="cpu")
    loader = DataLoader(TensorDataset(data["x"], data["y"]), batch_size=128, shuffle=True)
    net = nn.Sequential(nn.Flatten(), nn.Linear(40 * 49, 256), nn.ReLU(), nn.Linear(256, 12))
    net.load_state_dict(torch.load("kws_dense.pth", map_location="cpu"))
    sparse_finetune(net, loader, torch.device("cuda" if torch.cuda.is_available() else "cpu"))
