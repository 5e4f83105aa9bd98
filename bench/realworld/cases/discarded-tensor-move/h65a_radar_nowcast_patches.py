# source: https://github.com/zhangyanbiao/predrnn-_pytorch/issues/4
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 52, 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RadarNowcaster(nn.Module):
    """ConvLSTM over space-to-depth radar patches with scheduled sampling."""

    def __init__(self, patch_ch=16, hid=64, k=5):
        super().__init__()
        self.hid = hid
        self.gates = nn.Conv2d(patch_ch + hid, 4 * hid, k, padding=k // 2)
        self.out = nn.Conv2d(hid, patch_ch, 1)

    def forward(self, frames, mask, input_len=10):
        b, t, ch, h, w = frames.shape
        hid = torch.zeros(b, self.hid, h, w, device=frames.device)
        cell = torch.zeros_like(hid)
        preds, x_gen = [], frames[:, 0]
        for step in range(t - 1):
            if step < input_len:
                x = frames[:, step]
            else:
                m = mask[:, step - input_len]
                x = m * frames[:, step] + (1 - m) * x_gen
            i, f, o, g = torch.chunk(self.gates(torch.cat([x, hid], dim=1)), 4, dim=1)
            cell = torch.sigmoid(f) * cell + torch.sigmoid(i) * torch.tanh(g)
            hid = torch.sigmoid(o) * torch.tanh(cell)
            x_gen = self.out(hid)
            preds.append(x_gen)
        return torch.stack(preds, dim=1)


def reshape_patch(frames, patch=4):
    b, t, c, h, w = frames.shape
    x = frames.reshape(b, t, c, h // patch, patch, w // patch, patch)
    return x.permute(0, 1, 2, 4, 6, 3, 5).reshape(b, t, c * patch * patch, h // patch, w // patch)


def prepare_batch(echo, sampling_eta, device, input_len=10, patch=4):
    frames = reshape_patch(echo.float() / 80.0, patch)    # dBZ -> [0, 1]
    b, t, ch, hh, ww = frames.shape
    mask = (torch.rand(b, t - input_len - 1, 1, 1, 1) < sampling_eta).float().expand(-1, -1, ch, hh, ww)
    frames.to(device)
    mask.to(device)
    return frames, mask


class RadarEchoSequences(Dataset):
    def __len__(self):
        return 128

    def __getitem__(self, idx):
        return torch.from_numpy(np.random.uniform(0, 70, size=(20, 1, 128, 128)).astype(np.float32))


def train(epochs=5):
    device = torch.device("cuda:0")
    model = RadarNowcaster().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    eta = 1.0
    for epoch in range(epochs):
        for echo in DataLoader(RadarEchoSequences(), batch_size=4, shuffle=True):
            frames, mask = prepare_batch(echo, eta, device)
            loss = nn.functional.mse_loss(model(frames, mask), frames[:, 1:])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            eta = max(0.0, eta - 2e-5)


if __name__ == "__main__":
    train()
