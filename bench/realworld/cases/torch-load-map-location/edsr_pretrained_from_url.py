# source: https://github.com/Coloquinte/torchSR/pull/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 47
# cpu: no needs a download of GPU-saved weights
# needs: torch
import torch
import torch.nn as nn
from torch.hub import load_state_dict_from_url

model_urls = {
    "edsr_baseline_x2": "https://github.com/Coloquinte/torchSR/releases/download/v1.0/edsr64_x2.pt",
    "edsr_baseline_x4": "https://github.com/Coloquinte/torchSR/releases/download/v1.0/edsr64_x4.pt",
}


class ResBlock(nn.Module):
    def __init__(self, n_feats, res_scale=1.0):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(n_feats, n_feats, 3, padding=1), nn.ReLU(True),
                                  nn.Conv2d(n_feats, n_feats, 3, padding=1))
        self.res_scale = res_scale

    def forward(self, x):
        return x + self.body(x) * self.res_scale


class EDSR(nn.Module):
    def __init__(self, n_resblocks, n_feats, scale):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.body = nn.Sequential(*[ResBlock(n_feats) for _ in range(n_resblocks)])
        self.tail = nn.Sequential(nn.Conv2d(n_feats, 3 * scale * scale, 3, padding=1), nn.PixelShuffle(scale))

    def forward(self, x):
        h = self.head(x)
        return self.tail(self.body(h) + h)


def edsr_baseline(scale, pretrained=False, progress=True):
    model = EDSR(n_resblocks=16, n_feats=64, scale=scale)
    if pretrained:
        key = "edsr_baseline_x{}".format(scale)
        if key not in model_urls:
            raise KeyError("No pretrained weights for scale {}".format(scale))
        state_dict = load_state_dict_from_url(model_urls[key], progress=progress)
        model.load_state_dict(state_dict)
    return model


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sr = edsr_baseline(scale=2, pretrained=True).to(device).eval()
    with torch.no_grad():
        lr_image = torch.rand(1, 3, 48, 48, device=device)
        print(sr(lr_image).shape)
