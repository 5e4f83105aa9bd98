# source: https://github.com/greatlog/SWAHR-HumanPose/issues/12
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn


class HeatmapHead(nn.Module):
    def __init__(self, joints=17):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
                                  nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU())
        self.final = nn.Conv2d(64, joints, 1)

    def forward(self, x):
        return self.final(self.body(x))


def resolve_device(local_rank):
    if torch.cuda.is_available():
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    return torch.device("cpu")


def load_weights(model, path, device):
    checkpoint = torch.load(path, map_location=device)
    state = checkpoint.get("state_dict", checkpoint)
    state = {k.replace("module.", "", 1): v for k, v in state.items()}
    model.load_state_dict(state)
    return model.to(device)


@torch.no_grad()
def validate(model, batches, device):
    model.eval()
    peaks = []
    for images in batches:
        heatmaps = model(images.to(device))
        peaks.append(heatmaps.flatten(2).amax(-1).mean().item())
    return sum(peaks) / len(peaks)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--local_rank", type=int, default=0)
    args = parser.parse_args()
    device = resolve_device(args.local_rank)
    net = load_weights(HeatmapHead(), args.weights, device)
    batches = [torch.rand(8, 3, 256, 192) for _ in range(5)]
    print("mean peak response: %.4f" % validate(net, batches, device))
