# source: https://github.com/SoftwareGift/FeatherNets_Face-Anti-spoofing-Attack-Detection-Challenge-CVPR2019/issues/16
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 28
# needs: torch, torchvision, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Single-image liveness check with a lightweight depth/IR-free anti-spoofing net (weights trained on GPU)."""
import numpy as np
import torch
from PIL import Image
from torch import nn
from torchvision import transforms
from torchvision.models import mobilenet_v2

PREPROCESS = transforms.Compose([
    transforms.Resize((224, 224)),
    transforms.ToTensor(),
    transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
])


def strip_module_prefix(state_dict):
    return {k[len("module."):] if k.startswith("module.") else k: v for k, v in state_dict.items()}


def load_checkpoint(path):
    ckpt = torch.load(path)
    state = ckpt["state_dict"] if "state_dict" in ckpt else ckpt
    return strip_module_prefix(state), ckpt.get("threshold", 0.5)


class LivenessPredictor:
    def __init__(self, weights="feathernet_best.pth.tar", device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        net = mobilenet_v2(weights=None)
        net.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(net.last_channel, 2))
        state, self.threshold = load_checkpoint(weights)
        net.load_state_dict(state)
        self.net = net.to(self.device).eval()

    @torch.no_grad()
    def score(self, face_crop):
        x = PREPROCESS(face_crop).unsqueeze(0).to(self.device)
        prob_live = torch.softmax(self.net(x), dim=1)[0, 1]
        return float(prob_live)

    def is_live(self, face_crop):
        return self.score(face_crop) >= self.threshold


if __name__ == "__main__":
    predictor = LivenessPredictor()
    frame = Image.fromarray(np.load("sample_face.npy"))
    print("live" if predictor.is_live(frame) else "spoof")
