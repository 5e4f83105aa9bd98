# source: https://github.com/open-mmlab/mmaction2/pull/2254
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
import re
from collections import OrderedDict

import torch
import torch.nn as nn


class Recognizer3D(nn.Module):
    def __init__(self, num_classes=400):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv3d(3, 32, (3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3)), nn.ReLU(),
            nn.Conv3d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool3d(1),
        )
        self.cls_head = nn.Linear(64, num_classes)

    def forward(self, clips):
        return self.cls_head(self.backbone(clips).flatten(1))


def _load_checkpoint(filename, revise_keys=((r"^module\.", ""),)):
    checkpoint = torch.load(filename, map_location="cpu")
    state_dict = checkpoint.get("state_dict", checkpoint)
    revised = OrderedDict()
    for key, value in state_dict.items():
        for pattern, repl in revise_keys:
            key = re.sub(pattern, repl, key)
        revised[key] = value
    return revised, checkpoint.get("meta", {})


def init_recognizer(checkpoint, device="cuda:0", num_classes=400):
    model = Recognizer3D(num_classes)
    state_dict, meta = _load_checkpoint(checkpoint)
    missing, unexpected = model.load_state_dict(state_dict, strict=False)
    if missing or unexpected:
        print("missing:", missing, "unexpected:", unexpected)
    model.meta = meta
    return model.to(device).eval()


def inference(model, clip):
    device = next(model.parameters()).device
    with torch.no_grad():
        scores = model(clip.to(device)).softmax(-1)
    top5 = scores.topk(5, dim=-1)
    return list(zip(top5.indices[0].tolist(), top5.values[0].tolist()))


if __name__ == "__main__":
    dev = "cuda:1" if torch.cuda.device_count() > 1 else ("cuda:0" if torch.cuda.is_available() else "cpu")
    recognizer = init_recognizer("tsn_r50_kinetics400.pth", device=dev)
    print(inference(recognizer, torch.rand(1, 3, 8, 112, 112)))
