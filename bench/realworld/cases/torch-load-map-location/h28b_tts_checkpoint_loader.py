# source: https://github.com/resemble-ai/chatterbox/pull/407
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, safetensors
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn as nn
from safetensors.torch import load_file


def pick_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


@dataclass
class Conditionals:
    speaker_emb: torch.Tensor
    prompt_tokens: torch.Tensor

    @classmethod
    def load(cls, path, map_location):
        blob = torch.load(path, map_location=map_location, weights_only=True)
        return cls(blob["speaker_emb"], blob["prompt_tokens"])

    def to(self, device):
        return Conditionals(self.speaker_emb.to(device), self.prompt_tokens.to(device))


class VoiceEncoder(nn.Module):
    def __init__(self, n_mels=40, hidden=256, out_dim=256):
        super().__init__()
        self.lstm = nn.LSTM(n_mels, hidden, num_layers=3, batch_first=True)
        self.proj = nn.Linear(hidden, out_dim)

    def forward(self, mels):
        _, (h, _) = self.lstm(mels)
        emb = self.proj(h[-1])
        return emb / emb.norm(dim=1, keepdim=True)


class MultilingualTTS:
    def __init__(self, ckpt_dir, device=None):
        ckpt_dir = Path(ckpt_dir)
        self.device = torch.device(device) if device is not None else pick_device()
        # weights are saved from CUDA training runs: map to CPU first, move afterwards
        map_location = torch.device("cpu")
        self.ve = VoiceEncoder()
        self.ve.load_state_dict(torch.load(ckpt_dir / "ve.pt", map_location=map_location, weights_only=True))
        self.ve.to(self.device).eval()
        self.t3_state = load_file(str(ckpt_dir / "t3_mtl23ls_v2.safetensors"), device="cpu")
        self.conds = None
        builtin = ckpt_dir / "conds.pt"
        if builtin.exists():
            self.conds = Conditionals.load(builtin, map_location=map_location).to(self.device)

    @torch.no_grad()
    def embed_reference(self, mels):
        return self.ve(mels.to(self.device)).mean(dim=0, keepdim=True)


if __name__ == "__main__":
    tts = MultilingualTTS("./checkpoints/chatterbox-mtl")
    print(tts.device, None if tts.conds is None else tts.conds.speaker_emb.shape)
