# source: https://github.com/bubbliiiing/facenet-retinaface-pytorch/pull/8
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class FaceEmbedder(nn.Module):
    def __init__(self, embedding_size=128):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.bottleneck = nn.Linear(64, embedding_size)

    def forward(self, x):
        return F.normalize(self.bottleneck(self.backbone(x)), p=2, dim=1)


def load_weights(net, path, device):
    # the released weights were pickled from cuda:0; remap them to whatever we run on
    state_dict = torch.load(path, map_location=device)
    missing, unexpected = net.load_state_dict(state_dict, strict=False)
    if missing or unexpected:
        print(f"{path}: missing={len(missing)} unexpected={len(unexpected)}")
    return net


class FaceRecognizer:
    def __init__(self, facenet_path="model_data/facenet_mobilenet.pth", cuda=False, threshold=0.9):
        self.cuda = cuda and torch.cuda.is_available()
        self.device = torch.device("cuda" if self.cuda else "cpu")
        self.threshold = threshold
        self.net = load_weights(FaceEmbedder(), facenet_path, self.device).to(self.device).eval()
        self.known_names, self.known_encodings = [], None

    @torch.no_grad()
    def encode(self, crops):
        batch = torch.from_numpy(np.stack(crops).astype(np.float32) / 255.0).permute(0, 3, 1, 2)
        return self.net(batch.to(self.device)).cpu().numpy()

    def register(self, names, crops):
        self.known_names = list(names)
        self.known_encodings = self.encode(crops)

    def identify(self, crops):
        enc = self.encode(crops)
        dists = np.linalg.norm(enc[:, None, :] - self.known_encodings[None, :, :], axis=-1)
        best = dists.argmin(axis=1)
        return [self.known_names[j] if dists[i, j] < self.threshold else "Unknown" for i, j in enumerate(best)]


if __name__ == "__main__":
    rec = FaceRecognizer(cuda=False)
    faces = [(np.random.rand(160, 160, 3) * 255).astype(np.uint8) for _ in range(3)]
    rec.register(["alice", "bob", "carol"], faces)
    print(rec.identify(faces[:2]))
