# source: https://github.com/TaoRuijie/TalkNet-ASD/issues/56
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Audio-visual active speaker detection model (face-track frames + MFCC windows)."""
import torch
import torch.nn as nn


class AVSpeakerNet(nn.Module):
    def __init__(self, d_model=128):
        super().__init__()
        self.visual = nn.Sequential(
            nn.Conv3d(1, 32, (5, 7, 7), stride=(1, 2, 2), padding=(2, 3, 3)), nn.ReLU(),
            nn.AdaptiveAvgPool3d((None, 1, 1)),
        )
        self.v_proj = nn.Linear(32, d_model)
        self.audio = nn.GRU(13, d_model, batch_first=True)
        self.cross = nn.MultiheadAttention(d_model, 4, batch_first=True)
        self.head = nn.Linear(2 * d_model, 2)

    def forward(self, audio, frames):
        v = self.visual(frames.unsqueeze(1)).flatten(2).transpose(1, 2)
        v = self.v_proj(v)
        a, _ = self.audio(audio)
        a = a[:, :: max(1, a.size(1) // v.size(1))][:, : v.size(1)]
        av, _ = self.cross(v, a, a)
        return self.head(torch.cat([av, v], dim=-1))


class TalkNetScorer(nn.Module):
    def __init__(self, lr=1e-4):
        super().__init__()
        self.model = AVSpeakerNet().cuda()
        self.loss_fn = nn.CrossEntropyLoss()
        self.optim = torch.optim.Adam(self.parameters(), lr=lr)

    def load_parameters(self, path):
        state = torch.load(path, map_location="cpu")
        self.load_state_dict(state, strict=False)

    @torch.no_grad()
    def score_track(self, audio, video):
        self.eval()
        logits = self.model(audio, video)
        return logits.softmax(-1)[0, :, 1].cpu().numpy()
