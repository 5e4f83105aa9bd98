# source: https://github.com/mozilla/TTS/pull/398
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 19
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def check_update(model, grad_clip, ignore_stopnet=False):
    """Clip gradients and tell the caller whether this step must be skipped."""
    params = [p for n, p in model.named_parameters() if not (ignore_stopnet and "stopnet" in n)]
    grad_norm = torch.nn.utils.clip_grad_norm_(params, grad_clip)
    skip_flag = False
    if np.isinf(grad_norm):
        print(" | > Gradient is INF !!")
        skip_flag = True
    return grad_norm, skip_flag


class TinyDecoder(nn.Module):
    def __init__(self, n_chars=80, n_mels=80, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(n_chars, hidden)
        self.rnn = nn.GRU(hidden, hidden, batch_first=True)
        self.mel_proj = nn.Linear(hidden, n_mels)
        self.stopnet = nn.Linear(hidden, 1)

    def forward(self, text):
        h, _ = self.rnn(self.embedding(text))
        return self.mel_proj(h), self.stopnet(h).squeeze(-1)


def train(model, loader, optimizer, device, grad_clip=1.0):
    model.train()
    criterion = nn.L1Loss()
    stop_criterion = nn.BCEWithLogitsLoss()
    for step, (text, mel, stop) in enumerate(loader):
        text, mel, stop = text.to(device), mel.to(device), stop.to(device)
        optimizer.zero_grad()
        mel_out, stop_logits = model(text)
        loss = criterion(mel_out, mel) + stop_criterion(stop_logits, stop)
        loss.backward()
        grad_norm, skip = check_update(model, grad_clip)
        if skip:
            continue
        optimizer.step()
        if step % 10 == 0:
            print(f"step {step} loss {loss.item():.4f} grad_norm {grad_norm:.3f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n, T = 256, 50
    ds = TensorDataset(torch.randint(0, 80, (n, T)), torch.randn(n, T, 80), torch.zeros(n, T))
    model = TinyDecoder().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    train(model, DataLoader(ds, batch_size=16, shuffle=True), optimizer, device)
