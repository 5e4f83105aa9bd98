# source: https://github.com/sacdallago/biotrainer/issues/11
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a light CNN on per-residue embeddings (e.g. secondary structure, 3 classes)."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from solver import ResidueSolver


class LightAttentionCNN(nn.Module):
    def __init__(self, embed_dim=1024, num_classes=3):
        super().__init__()
        self.conv = nn.Conv1d(embed_dim, 32, kernel_size=7, padding=3)
        self.head = nn.Linear(32, num_classes)

    def forward(self, x):                         # x: (B, L, E)
        h = torch.relu(self.conv(x.transpose(1, 2)))
        return self.head(h.transpose(1, 2))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    embeddings = torch.randn(64, 120, 1024)
    labels = torch.randint(0, 3, (64, 120))
    labels[:, 100:] = -100                        # padding
    loader = DataLoader(TensorDataset(embeddings, labels), batch_size=8, shuffle=True)

    model = LightAttentionCNN()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    solver = ResidueSolver(model, optimizer, num_classes=3, device=device)
    solver.train(loader, num_epochs=5)


if __name__ == "__main__":
    main()
