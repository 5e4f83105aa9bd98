# source: https://github.com/IliaZenkov/transformer-cnn-emotion-recognition/issues/6
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, top-level
# bug-lines: 48, 61, 66
# cpu: clean
# needs: torch, numpy
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn

device = "cuda" if torch.cuda.is_available() else "cpu"


class ParallelModel(nn.Module):
    def __init__(self, num_emotions=8):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.AdaptiveAvgPool2d((1, 8)),
        )
        layer = nn.TransformerEncoderLayer(d_model=40, nhead=4, dim_feedforward=64, batch_first=True)
        self.transformer = nn.TransformerEncoder(layer, num_layers=2)
        self.fc = nn.Linear(32 * 8 + 40, num_emotions)

    def forward(self, x):
        conv_emb = torch.flatten(self.conv(x), start_dim=1)
        seq = x.squeeze(1).transpose(1, 2)
        trans_emb = self.transformer(seq).mean(dim=1)
        return self.fc(torch.cat([conv_emb, trans_emb], dim=1))


def save_checkpoint(model, filename):
    torch.save({"model": model.state_dict()}, filename)


def load_checkpoint(model, filename):
    ckpt = torch.load(filename, map_location="cpu")
    model.load_state_dict(ckpt["model"])


def validate(model, X, Y):
    with torch.no_grad():
        model.eval()
        logits = model(X)
        predictions = torch.argmax(logits, dim=1)
        accuracy = (predictions == Y).float().mean().item()
    return accuracy, predictions


ckpt_path = os.path.join(tempfile.mkdtemp(), "parallel_all_you_want.pkl")
trained = ParallelModel(num_emotions=8).to(device)
save_checkpoint(trained, ckpt_path)

X_test = np.random.randn(16, 1, 40, 64).astype(np.float32)
y_test = np.random.randint(0, 8, size=16)

model = ParallelModel(num_emotions=8)
load_checkpoint(model, ckpt_path)

X_test_tensor = torch.tensor(X_test, device=device).float()
y_test_tensor = torch.tensor(y_test, dtype=torch.long, device=device)
test_acc, predicted = validate(model, X_test_tensor, y_test_tensor)
print(f"Test accuracy is {test_acc * 100:.2f}%")
