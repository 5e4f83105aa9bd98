# source: https://github.com/uzh-rpg/rpg_e2vid/issues/15
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 38
# cpu: no needs a checkpoint saved from a CUDA run (E2VID.pth.tar)
# needs: torch
import argparse

import torch
import torch.nn as nn


class E2VIDRecurrent(nn.Module):
    def __init__(self, num_bins=5, base_channels=32):
        super().__init__()
        self.num_bins = num_bins
        self.head = nn.Conv2d(num_bins, base_channels, 5, padding=2)
        self.state_conv = nn.Conv2d(2 * base_channels, base_channels, 3, padding=1)
        self.pred = nn.Conv2d(base_channels, 1, 1)

    def forward(self, voxel, prev_state=None):
        x = torch.relu(self.head(voxel))
        if prev_state is None:
            prev_state = torch.zeros_like(x)
        state = torch.tanh(self.state_conv(torch.cat([x, prev_state], 1)))
        return torch.sigmoid(self.pred(state)), state


def get_device(use_gpu):
    if use_gpu and torch.cuda.is_available():
        return torch.device("cuda:0")
    return torch.device("cpu")


def load_model(path_to_model):
    print(f"Loading model {path_to_model}...")
    raw_model = torch.load(path_to_model)
    arch = raw_model["arch"]
    model = E2VIDRecurrent(**raw_model.get("model", {}))
    model.load_state_dict(raw_model["state_dict"])
    print(f"Using {arch}")
    return model


def reconstruct(model, device, num_windows=3, height=60, width=80):
    model.eval()
    state = None
    with torch.no_grad():
        for _ in range(num_windows):
            voxel = torch.randn(1, model.num_bins, height, width, device=device)
            frame, state = model(voxel, state)
    return frame


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--path_to_model", default="pretrained/E2VID_lightweight.pth.tar")
    parser.add_argument("--use_gpu", dest="use_gpu", action="store_true")
    parser.add_argument("--no-gpu", dest="use_gpu", action="store_false")
    parser.set_defaults(use_gpu=True)
    args = parser.parse_args()

    device = get_device(args.use_gpu)
    model = load_model(args.path_to_model)
    model = model.to(device)
    print(reconstruct(model, device).shape)
