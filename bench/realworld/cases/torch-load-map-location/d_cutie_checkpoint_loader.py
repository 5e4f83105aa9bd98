# source: https://github.com/hkchengrex/Cutie/issues/37
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# bug-lines: 41
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class MaskDecoder(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.key_proj = nn.Conv2d(3, dim, 3, padding=1)
        self.head = nn.Conv2d(dim, 1, 1)

    def forward(self, image):
        return torch.sigmoid(self.head(torch.relu(self.key_proj(image))))


def get_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save_weights(model, path):
    torch.save({"weights": model.state_dict(), "it": 125000}, path)


class InferenceCore:
    def __init__(self, weights_path):
        self.device = get_device()
        self.network = MaskDecoder()
        self.load_weights(weights_path)
        self.network.to(self.device).eval()

    def load_weights(self, path):
        model_weights = torch.load(path)
        self.network.load_state_dict(model_weights["weights"])

    @torch.inference_mode()
    def step(self, frame):
        return self.network(frame.to(self.device))


if __name__ == "__main__":
    ckpt = os.path.join(tempfile.mkdtemp(), "cutie-base-mega.pth")
    trained = MaskDecoder().to(get_device())
    save_weights(trained, ckpt)
    core = InferenceCore(ckpt)
    print(core.step(torch.rand(1, 3, 24, 24)).shape)
