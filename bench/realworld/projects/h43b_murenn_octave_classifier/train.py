# source: https://github.com/kymatio/murenn/issues/42
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

"""Train a small audio-event classifier on top of the MuReNN front-end."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from frontend import MuReNNDirect


class AudioClassifier(nn.Module):
    def __init__(self, n_classes, J=6, Q=8, T=16):
        super().__init__()
        self.frontend = MuReNNDirect(J=J, Q=Q, T=T)
        self.head = nn.Sequential(nn.LayerNorm(J * Q), nn.Linear(J * Q, 64), nn.ReLU(), nn.Linear(64, n_classes))

    def forward(self, waveform):
        return self.head(torch.log1p(self.frontend(waveform)))


def make_loader(n=512, length=2 ** 14, n_classes=10):
    waveforms = torch.randn(n, 1, length)
    labels = torch.randint(0, n_classes, (n,))
    return DataLoader(TensorDataset(waveforms, labels), batch_size=32, shuffle=True)


def main(epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AudioClassifier(n_classes=10).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = make_loader()
    for epoch in range(epochs):
        correct, seen = 0, 0
        for waveform, label in loader:
            waveform, label = waveform.to(device), label.to(device)
            logits = model(waveform)
            loss = nn.functional.cross_entropy(logits, label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == label).sum().item()
            seen += label.numel()
        print(f"epoch {epoch}: loss {loss.item():.3f} acc {correct / seen:.3f}")


if __name__ == "__main__":
    main()
