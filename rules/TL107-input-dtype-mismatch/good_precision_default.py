# The captioner casts its vision tower to float16 only when asked, and the default
# keeps it float32, the dtype of the images it gets on the GPU.
import torch
from torch import nn


class Captioner(nn.Module):
    def __init__(self, vocab=30522, precision="fp32"):
        super().__init__()
        self.vision = nn.Sequential(nn.Conv2d(3, 64, 16, 16), nn.Flatten(), nn.LazyLinear(512))
        self.text_head = nn.Linear(512, vocab)
        if precision == "fp16":
            self.vision = self.vision.half()

    def forward(self, images):
        return self.text_head(self.vision(images).float())


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Captioner().to(device).eval()
    print(model(torch.rand(2, 3, 224, 224, device=device)).shape)
