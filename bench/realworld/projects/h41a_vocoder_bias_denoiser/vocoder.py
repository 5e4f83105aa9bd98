# source: https://github.com/NVIDIA/DeepLearningExamples/issues/478
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class MelVocoder(nn.Module):
    def __init__(self, n_mels=80, hop=256, channels=256):
        super().__init__()
        self.upsample = nn.ConvTranspose1d(n_mels, n_mels, hop * 2, stride=hop, padding=hop // 2)
        self.net = nn.Sequential(
            nn.Conv1d(n_mels + 1, channels, 3, padding=1), nn.Tanh(),
            nn.Conv1d(channels, channels, 3, padding=1), nn.Tanh(),
            nn.Conv1d(channels, 1, 3, padding=1),
        )

    @torch.no_grad()
    def infer(self, mel, sigma=0.6):
        cond = self.upsample(mel)
        noise = sigma * torch.randn(cond.size(0), 1, cond.size(2), device=cond.device, dtype=cond.dtype)
        return self.net(torch.cat([cond, noise], dim=1)).squeeze(1)


def load_vocoder(path, device):
    model = MelVocoder()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.to(device).eval()
