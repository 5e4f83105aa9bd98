# source: https://github.com/OpenTalker/SadTalker/issues/53
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, multi-file
# needs: torch, yaml
# cpu: no written where torch was not installed; not run
"""Audio -> head pose / expression coefficients."""

import torch
import yaml
from torch import nn

from audio_encoder import AudioEncoder


class PoseDecoder(nn.Module):
    def __init__(self, latent_dim=512, num_classes=46, pose_dim=6):
        super().__init__()
        self.class_emb = nn.Embedding(num_classes, latent_dim)
        self.gru = nn.GRU(latent_dim, 256, batch_first=True)
        self.out = nn.Linear(256, pose_dim)

    def forward(self, audio_emb, pose_style):
        style = self.class_emb(pose_style).unsqueeze(1)
        h, _ = self.gru(audio_emb + style)
        return self.out(h)


class Audio2Pose(nn.Module):
    def __init__(self, cfg, wav2lip_checkpoint, device):
        super().__init__()
        self.device = device
        self.audio_encoder = AudioEncoder(wav2lip_checkpoint, device=device)
        self.audio_encoder.eval()
        for p in self.audio_encoder.parameters():
            p.requires_grad = False
        self.decoder = PoseDecoder(num_classes=cfg["num_classes"]).to(device)

    def forward(self, indiv_mels, pose_style):
        emb = self.audio_encoder(indiv_mels)
        return self.decoder(emb, pose_style)


class Audio2Coeff:
    def __init__(self, audio2pose_checkpoint, audio2pose_yaml_path,
                 wav2lip_checkpoint, device):
        with open(audio2pose_yaml_path) as f:
            cfg = yaml.safe_load(f)
        self.device = device
        self.audio2pose_model = Audio2Pose(cfg, wav2lip_checkpoint, device=device)
        state = torch.load(audio2pose_checkpoint, map_location=device)
        self.audio2pose_model.load_state_dict(state["model"], strict=False)
        self.audio2pose_model.eval()

    @torch.no_grad()
    def generate(self, batch, pose_style=0):
        mels = batch["indiv_mels"].to(self.device)
        style = torch.full((mels.size(0),), pose_style, dtype=torch.long,
                           device=self.device)
        return self.audio2pose_model(mels, style).cpu().numpy()
