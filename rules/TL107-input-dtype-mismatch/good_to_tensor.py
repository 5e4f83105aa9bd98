# The pixels follow the translator's dtype where they are moved.
import torch
import torch.nn as nn
import torchvision.transforms.functional as TF


class Restorer:
    def __init__(self, net, use_fp16=False, device="cuda"):
        self.device = torch.device(device)
        self.dtype = torch.float16 if use_fp16 else torch.float32
        self.net = net.to(self.device, self.dtype).eval()

    def prepare(self, image):
        x = TF.to_tensor(image.convert("RGB"))
        x = TF.normalize(x, mean=[0.5] * 3, std=[0.5] * 3)
        return x.unsqueeze(0).to(self.device, self.dtype)

    @torch.no_grad()
    def __call__(self, image):
        return self.net(self.prepare(image))


def restore(image, use_fp16):
    net = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 3, 3, padding=1))
    return Restorer(net, use_fp16=use_fp16)(image)
