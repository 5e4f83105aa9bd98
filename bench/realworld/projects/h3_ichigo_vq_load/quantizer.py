# source: https://github.com/janhq/ichigo/pull/219
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# bug-lines: 26
# cpu: no needs a checkpoint that was saved from CUDA tensors
# needs: torch
import torch
import torch.nn as nn

from hub import resolve_checkpoint


class RQBottleneckTransformer(nn.Module):
    def __init__(self, n_mels=80, width=256, codebook_size=512, codebook_dim=64, depth=2):
        super().__init__()
        self.conv = nn.Conv1d(n_mels, width, kernel_size=3, stride=2, padding=1)
        layer = nn.TransformerEncoderLayer(width, 4, width * 2, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth)
        self.to_codes = nn.Linear(width, codebook_dim)
        self.codebook = nn.Embedding(codebook_size, codebook_dim)

    @classmethod
    def load_model(cls, ref="homebrewltd/ichigo-whisper:merge-medium-vi-2d-2560c-dim64.pth"):
        local_filename = resolve_checkpoint(ref)
        spec = torch.load(local_filename)
        vqmodel = cls(**spec["config"])
        vqmodel.load_state_dict(spec["state_dict"])
        vqmodel.eval()
        return vqmodel

    @torch.no_grad()
    def encode_mel(self, mel):
        hidden = self.encoder(torch.relu(self.conv(mel)).transpose(1, 2))
        latents = self.to_codes(hidden)
        distances = torch.cdist(latents, self.codebook.weight.unsqueeze(0).expand(latents.size(0), -1, -1))
        return distances.argmin(dim=-1)
