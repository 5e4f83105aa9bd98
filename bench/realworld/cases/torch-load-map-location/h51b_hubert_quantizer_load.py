# source: https://github.com/gitmylo/bark-voice-cloning-HuBERT-quantizer/pull/28
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 38
# needs: torch
# cpu: no written where torch was not installed; not run
"""Semantic-token quantizer used for voice cloning: HuBERT features -> bark tokens.

The checkpoint was trained and saved on a GPU box; users run the cloning
script on laptops without CUDA.
"""
import torch
import torch.nn as nn


class HubertTokenQuantizer(nn.Module):
    def __init__(self, hidden_size=1024, input_size=768, output_size=10000, version=0):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, 2, batch_first=True)
        self.intermediate = nn.Linear(hidden_size, 4096) if version == 1 else None
        self.fc = nn.Linear(4096 if version == 1 else hidden_size, output_size)
        self.version = version

    def forward(self, feats):
        x, _ = self.lstm(feats)
        if self.intermediate is not None:
            x = self.intermediate(x)
        return self.fc(x)

    @torch.no_grad()
    def get_token(self, feats):
        return torch.argmax(self(feats), dim=-1)

    @classmethod
    def load_from_checkpoint(cls, path, device="cpu"):
        # the saved file holds {"config": {...}, "state_dict": {...}} written from cuda:0
        ckpt = torch.load(path)
        model = cls(**ckpt["config"])
        model.load_state_dict(ckpt["state_dict"])
        return model.to(device).eval()


def pick_device(prefer_gpu=True):
    if prefer_gpu and torch.cuda.is_available():
        return "cuda"
    return "cpu"


def semantic_tokens_for_speaker(hubert_feats, quantizer_path):
    device = pick_device()
    quantizer = HubertTokenQuantizer.load_from_checkpoint(quantizer_path, device=device)
    tokens = quantizer.get_token(hubert_feats.to(device))
    return tokens.squeeze(0).cpu()


if __name__ == "__main__":
    import sys

    feats = torch.load(sys.argv[1], map_location="cpu")  # cached HuBERT features
    toks = semantic_tokens_for_speaker(feats, "models/quantifier_hubert_base_ls960_14.pth")
    torch.save(toks, sys.argv[2])
