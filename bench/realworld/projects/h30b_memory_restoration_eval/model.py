# source: https://github.com/Lineves7/EMNet/issues/1
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn

from memory import ExternalMemory


class MemoryRestorationNet(nn.Module):
    def __init__(self, channels=3, width=64, dim=256, top_k=8):
        super().__init__()
        self.top_k = top_k
        self.encoder = nn.Sequential(
            nn.Conv2d(channels, width, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride=2, padding=1), nn.ReLU(inplace=True),
        )
        self.to_query = nn.Linear(width, dim)
        self.memory = ExternalMemory(dim=dim)
        self.from_memory = nn.Linear(dim, width)
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(width, width, 4, stride=2, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(width, channels, 3, padding=1),
        )

    def forward(self, degraded):
        feats = self.encoder(degraded)
        query = self.to_query(feats.mean(dim=(2, 3)))
        mem_feat, _ = self.memory.topk_feature(query, self.top_k)
        feats = feats + self.from_memory(mem_feat)[:, :, None, None]
        return degraded + self.decoder(feats)


def build_model(checkpoint_path=None):
    model = MemoryRestorationNet()
    if checkpoint_path is not None:
        state = torch.load(checkpoint_path, map_location="cpu")
        model.load_state_dict(state["model"])
        model.memory.refresh_index()
    return model
