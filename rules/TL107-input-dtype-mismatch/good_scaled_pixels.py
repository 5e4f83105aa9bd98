import torch
from torch import nn


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 3, 3, padding=1))

    def forward(self, x):
        return x - self.body(x)


def run(video):
    net = Denoiser().cuda().half()
    for rgb in video:
        frame = torch.from_numpy(rgb).permute(2, 0, 1)  # (8-bit pixels)
        x = frame.cuda().half().div(255.0).unsqueeze(0)
        yield net(x)


class Captioner(nn.Module):
    # parts made in the dtype the caller asks for, the whole never cast
    def __init__(self, dtype):
        super().__init__()
        self.encoder = nn.Conv2d(3, 8, 4, stride=4).to(dtype)
        self.head = nn.Linear(8, 10).to(dtype)

    def forward(self, pixels):
        return self.head(self.encoder(pixels).mean((2, 3)))


def caption(model, image_uint8, device):
    # the input follows the model's first parameter, whatever dtype it was built in
    dtype = next(model.parameters()).dtype
    pixels = image_uint8.float().div(255.0)[None].to(device=device, dtype=dtype)
    return model(pixels).argmax(-1)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    half = torch.float16 if dev == "cuda" else torch.float32
    model = Captioner(half).to(dev)
    print(caption(model, torch.randint(0, 256, (3, 64, 64), dtype=torch.uint8), dev))
