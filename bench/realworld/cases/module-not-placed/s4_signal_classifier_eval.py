# source: https://github.com/TorchDSP/torchsig/issues/65
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 56, 65, 67
# cpu: clean
# needs: torch, numpy
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class IQClassifier(nn.Module):
    def __init__(self, num_classes=8):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv1d(2, 16, 7, padding=3), nn.ReLU(), nn.AdaptiveAvgPool1d(8))
        self.fc = nn.Linear(16 * 8, num_classes)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))

    def predict(self, x):
        with torch.no_grad():
            return self.forward(x).argmax(-1)


def make_dataset(n=40, length=256, num_classes=8, seed=0):
    rng = np.random.default_rng(seed)
    iq = rng.standard_normal((n, 2, length)).astype(np.float32)
    return [(iq[i], int(rng.integers(num_classes))) for i in range(n)]


def train(model, dataset, ckpt_path, epochs=1):
    model = model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for data, label in dataset:
            x = torch.from_numpy(data).unsqueeze(0).to(device)
            loss = nn.functional.cross_entropy(model(x), torch.tensor([label], device=device))
            opt.zero_grad()
            loss.backward()
            opt.step()
    torch.save(model.state_dict(), ckpt_path)


def evaluate(model, dataset):
    model.eval()
    correct = 0
    for data, label in dataset:
        test_x = torch.from_numpy(np.expand_dims(data, 0)).float().to(device)
        pred = model.predict(test_x)
        correct += int(pred.item() == label)
    return correct / len(dataset)


if __name__ == "__main__":
    ckpt = os.path.join(tempfile.mkdtemp(), "sig_classifier.pt")
    train(IQClassifier(), make_dataset(), ckpt)

    example_model = IQClassifier()
    example_model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    print("accuracy:", evaluate(example_model, make_dataset(seed=1)))
