# source: https://github.com/xiaobai1217/RepetitionCounting/issues/12
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: top-level, helper
# bug-lines: 43, 54
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torchvision

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class AudioCountNet(nn.Module):
    def __init__(self, n_counts=43):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1),
                                  nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(64, n_counts)

    def forward(self, spec):
        feat = self.body(spec)
        return self.fc(feat), feat


class SampleRateHead(nn.Module):
    """Chooses the temporal stride for the visual counter from audio + visual features."""

    def __init__(self, n_rates=41):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(512 + 64, 256), nn.ReLU(), nn.Linear(256, n_rates))

    def forward(self, visual_feat, audio_feat):
        return self.fc(torch.cat([visual_feat, audio_feat], dim=1))


def estimate_sample_rate(clip, spec, visual_backbone, audio_model, rate_model):
    with torch.no_grad():
        visual_feat = visual_backbone(clip)
        _, audio_feat = audio_model(spec)
        logits = rate_model(visual_feat.flatten(1), audio_feat.flatten(1))
    return int(logits.argmax(dim=1).item()) + 1


visual_model = torchvision.models.video.r2plus1d_18(weights=None)
visual_model.fc = nn.Identity()
audio_model = AudioCountNet().to(device).eval()
rate_model = SampleRateHead()

if device.type == "cuda":
    visual_model = nn.DataParallel(visual_model)
    rate_model = nn.DataParallel(rate_model)

visual_model = visual_model.to(device).eval()
ckpt = torch.load("sr_checkpoint.pt", map_location=device)
rate_model.load_state_dict(ckpt["sr_state_dict"])
rate_model.eval()

clip = torch.from_numpy(np.random.rand(1, 3, 16, 112, 112).astype(np.float32)).to(device)
spec = torch.from_numpy(np.random.rand(1, 1, 257, 400).astype(np.float32)).to(device)
stride = estimate_sample_rate(clip, spec, visual_model, audio_model, rate_model)
print("chosen sample rate:", stride)
