# source: https://github.com/knazeri/edge-connect/issues/18
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, top-level
# looks-like: torch-load-map-location
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""Edge-guided image inpainting: restore the generator/discriminator from GPU-trained checkpoints."""
import os

import torch
import torch.nn as nn
from PIL import Image
from torchvision.transforms.functional import to_pil_image, to_tensor


def gated_generator():
    return nn.Sequential(
        nn.Conv2d(5, 64, 7, padding=3), nn.ReLU(True),
        nn.Conv2d(64, 128, 4, stride=2, padding=1), nn.ReLU(True),
        nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1), nn.ReLU(True),
        nn.Conv2d(64, 3, 7, padding=3), nn.Tanh())


class InpaintingModel(nn.Module):
    def __init__(self, checkpoints_dir, device, training=False):
        super().__init__()
        self.device = device
        self.training_mode = training
        self.gen_weights_path = os.path.join(checkpoints_dir, "InpaintingModel_gen.pth")
        self.dis_weights_path = os.path.join(checkpoints_dir, "InpaintingModel_dis.pth")
        self.generator = gated_generator()
        self.discriminator = nn.Sequential(nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 1, 4, 1, 1))
        self.iteration = 0

    def load(self):
        if os.path.exists(self.gen_weights_path):
            print(f"Loading {self.gen_weights_path} ...")
            data = torch.load(self.gen_weights_path, map_location=self.device)
            self.generator.load_state_dict(data["generator"])
            self.iteration = data["iteration"]
        if self.training_mode and os.path.exists(self.dis_weights_path):
            if torch.cuda.is_available():
                data = torch.load(self.dis_weights_path)
            else:
                data = torch.load(self.dis_weights_path, map_location=lambda storage, loc: storage)
            self.discriminator.load_state_dict(data["discriminator"])
        return self.to(self.device)

    @torch.no_grad()
    def inpaint(self, image, edges, mask):
        masked = image * (1 - mask) + mask
        out = self.generator(torch.cat([masked, edges, mask], dim=1))
        return out * mask + image * (1 - mask)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = InpaintingModel("./checkpoints/places2", device).load().eval()
    img = to_tensor(Image.open("examples/places2/images/places2_01.png").convert("RGB")).unsqueeze(0).to(device)
    edge = to_tensor(Image.open("examples/places2/edges/places2_01.png").convert("L")).unsqueeze(0).to(device)
    mask = to_tensor(Image.open("examples/places2/masks/places2_01.png").convert("L")).unsqueeze(0).to(device)
    result = model.inpaint(img * 2 - 1, edge, (mask > 0.5).float())
    to_pil_image(((result[0] + 1) / 2).clamp(0, 1).cpu()).save("results/places2_01.png")
