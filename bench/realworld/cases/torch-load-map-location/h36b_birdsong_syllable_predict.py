# source: https://github.com/vocalpy/vak/pull/324
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import json
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn


class TweetyNetLike(nn.Module):
    """Frame classifier for birdsong spectrograms (conv front end + biLSTM)."""

    def __init__(self, num_classes, n_freq=257, hidden=256):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d((8, 1)),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d((8, 1)),
        )
        self.rnn = nn.LSTM(64 * (n_freq // 64), hidden, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hidden, num_classes)

    def forward(self, spect):
        x = self.cnn(spect.unsqueeze(1))
        b, c, f, t = x.shape
        x, _ = self.rnn(x.permute(0, 3, 1, 2).reshape(b, t, c * f))
        return self.fc(x)


class SyllableModel:
    def __init__(self, network, device):
        self.network = network
        self.device = device

    @classmethod
    def from_config(cls, config, device):
        net = TweetyNetLike(num_classes=len(config["labelmap"]))
        return cls(net, device)

    def load(self, ckpt_path):
        ckpt = torch.load(ckpt_path)
        self.network.load_state_dict(ckpt["network"])
        self.network.to(self.device)
        self.network.eval()

    @torch.no_grad()
    def predict_frames(self, spect):
        x = torch.from_numpy(spect).float().unsqueeze(0).to(self.device)
        return self.network(x).argmax(dim=-1).squeeze(0).cpu().numpy()


def predict(config_path, spect_dir, device="cpu"):
    config = json.loads(Path(config_path).read_text())
    model = SyllableModel.from_config(config, device)
    model.load(config["checkpoint_path"])  # checkpoint was saved from a GPU run
    inv_map = {v: k for k, v in config["labelmap"].items()}
    results = {}
    for npz in sorted(Path(spect_dir).glob("*.spect.npz")):
        spect = np.load(npz)["s"]
        frames = model.predict_frames(spect)
        results[npz.name] = [inv_map[int(i)] for i in frames]
    return results


if __name__ == "__main__":
    out = predict("predict_config.json", "spectrograms/", device="cpu")
    print(len(out), "files annotated")
