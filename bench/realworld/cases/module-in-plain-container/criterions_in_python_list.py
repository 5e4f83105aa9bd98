# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2984
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss_forward)
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# bug-lines: 24, 27, 37
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class PlateReader(nn.Module):
    """Reads a fixed-length plate: one classifier head per character position."""

    def __init__(self, alphabet_size, n_positions, letter_weights_per_position):
        super().__init__()
        self.n_positions = n_positions
        self.backbone = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d((1, n_positions))
        )
        self.head = nn.Linear(16, alphabet_size)

        self.criterions = []
        for weight in letter_weights_per_position:
            weight = torch.as_tensor(weight, dtype=torch.float32)
            self.criterions.append(nn.CrossEntropyLoss(weight=weight))

    def forward(self, images):
        feats = self.backbone(images).squeeze(2).permute(0, 2, 1)
        return self.head(feats)

    def training_step(self, batch, batch_idx):
        out_nta = self(batch["image"])
        target_nt = batch["target"]
        losses = [
            self.criterions[pos](out_nta[:, pos, :], target_nt[:, pos])
            for pos in range(self.n_positions)
        ]
        return torch.stack(losses).sum()


class Plates(Dataset):
    def __init__(self, n=32, n_positions=4, alphabet=10):
        self.images = torch.rand(n, 1, 16, 48)
        self.targets = torch.randint(0, alphabet, (n, n_positions))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return {"image": self.images[i], "target": self.targets[i]}


def fit(model, loader, device, epochs=1):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for batch_idx, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model.training_step(batch, batch_idx)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weights = [torch.ones(10) for _ in range(4)]
    model = PlateReader(alphabet_size=10, n_positions=4, letter_weights_per_position=weights)
    model.to(device)
    print(fit(model, DataLoader(Plates(), batch_size=8, shuffle=True), device))
