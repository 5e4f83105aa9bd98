# source: https://github.com/OpenTalker/SadTalker/issues/53
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, multi-file
# bug-lines: 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Mel-spectrogram audio encoder initialised from a Wav2Lip checkpoint."""

import torch
from torch import nn


class Conv2dBlock(nn.Module):
    def __init__(self, cin, cout, kernel_size, stride, padding, residual=False):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.Conv2d(cin, cout, kernel_size, stride, padding),
            nn.BatchNorm2d(cout),
        )
        self.act = nn.ReLU()
        self.residual = residual

    def forward(self, x):
        out = self.conv_block(x)
        if self.residual:
            out = out + x
        return self.act(out)


class AudioEncoder(nn.Module):
    def __init__(self, wav2lip_checkpoint, device):
        super().__init__()
        self.audio_encoder = nn.Sequential(
            Conv2dBlock(1, 32, 3, 1, 1),
            Conv2dBlock(32, 32, 3, 1, 1, residual=True),
            Conv2dBlock(32, 64, 3, (3, 1), 1),
            Conv2dBlock(64, 64, 3, 1, 1, residual=True),
            Conv2dBlock(64, 128, 3, 3, 1),
            Conv2dBlock(128, 256, 3, (3, 2), 1),
            Conv2dBlock(256, 512, 3, 1, 0),
            Conv2dBlock(512, 512, 1, 1, 0),
        )
        # reuse the pretrained audio branch of Wav2Lip
        wav2lip_state_dict = torch.load(wav2lip_checkpoint)["state_dict"]
        own_state = self.state_dict()
        for name, value in wav2lip_state_dict.items():
            key = name.replace("module.audio_encoder.", "audio_encoder.")
            if key in own_state:
                own_state[key].copy_(value)
        self.to(device)

    def forward(self, audio_sequences):
        # audio_sequences: (B, T, 1, 80, 16)
        batch_size = audio_sequences.size(0)
        x = torch.cat([audio_sequences[:, i] for i in range(audio_sequences.size(1))], dim=0)
        emb = self.audio_encoder(x)
        dim = emb.shape[1]
        return emb.reshape(batch_size, -1, dim, 1, 1).squeeze(-1).squeeze(-1)
