# source: https://github.com/autowarefoundation/vision_pilot/issues/15
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Run the driving scene-segmentation network on a single camera frame (GPU or CPU-only laptop)."""
import argparse

import numpy as np
import torch
import torch.nn as nn


class SceneSegNetwork(nn.Module):
    def __init__(self, num_classes=3):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.head = nn.Conv2d(64, num_classes, 1)

    def forward(self, x):
        out = self.head(self.features(x))
        return nn.functional.interpolate(out, size=x.shape[-2:], mode="bilinear", align_corners=False)


class SceneSegNetworkInfer:
    def __init__(self, checkpoint_path):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        print("Using {} for inference".format(self.device))
        self.model = SceneSegNetwork()
        state = torch.load(checkpoint_path, map_location=self.device, weights_only=True)
        self.model.load_state_dict(state)
        self.model = self.model.to(self.device).eval()

    @torch.no_grad()
    def inference(self, image):
        tensor = torch.from_numpy(image).permute(2, 0, 1).float().div(255.0)
        tensor = tensor.unsqueeze(0).to(self.device)
        logits = self.model(tensor)
        return logits.argmax(dim=1)[0].cpu().numpy()


def colorize(mask):
    palette = np.array([[61, 93, 255], [255, 28, 145], [0, 0, 0]], dtype=np.uint8)
    return palette[mask]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_checkpoint_path", required=True)
    args = parser.parse_args()
    infer = SceneSegNetworkInfer(args.model_checkpoint_path)
    frame = np.random.randint(0, 255, (320, 640, 3), dtype=np.uint8)
    print(colorize(infer.inference(frame)).shape)
