# source: https://github.com/DmitryUlyanov/deep-image-prior/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: helper, top-level
# bug-lines: 50, 60
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from PIL import Image
from torch import nn

dtype = torch.cuda.FloatTensor if torch.cuda.is_available() else torch.FloatTensor


def pil_to_np(img):
    arr = np.array(img, dtype=np.float32) / 255.0
    return arr[None] if arr.ndim == 2 else arr.transpose(2, 0, 1)


def np_to_torch(arr):
    return torch.from_numpy(arr)[None, :]


def get_noise(channels, spatial_size, var=0.1):
    return torch.rand(1, channels, *spatial_size) * var


def conv_block(cin, cout, stride=1):
    return nn.Sequential(
        nn.ReflectionPad2d(1), nn.Conv2d(cin, cout, 3, stride=stride),
        nn.BatchNorm2d(cout), nn.LeakyReLU(0.2, inplace=True),
    )


def hourglass(in_ch=32, out_ch=3, width=128):
    return nn.Sequential(
        conv_block(in_ch, width, 2), conv_block(width, width, 2), conv_block(width, width, 2),
        nn.Upsample(scale_factor=2, mode="bilinear"), conv_block(width, width),
        nn.Upsample(scale_factor=2, mode="bilinear"), conv_block(width, width),
        nn.Upsample(scale_factor=2, mode="bilinear"), conv_block(width, width),
        nn.Conv2d(width, out_ch, 1), nn.Sigmoid(),
    )


img_np = pil_to_np(Image.open("data/inpainting/kate.png").convert("RGB"))
mask_np = pil_to_np(Image.open("data/inpainting/kate_mask.png").convert("L"))

img_var = np_to_torch(img_np).type(dtype)
mask_var = np_to_torch(mask_np).type(torch.FloatTensor)

net = hourglass().type(dtype)
net_input = get_noise(32, img_np.shape[1:]).type(dtype)
mse = nn.MSELoss().type(dtype)
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)

for i in range(5001):
    optimizer.zero_grad()
    out = net(net_input)
    loss = mse(out * mask_var, img_var * mask_var)
    loss.backward()
    optimizer.step()
    if i % 500 == 0:
        print(f"iter {i:05d} loss {loss.item():.6f}")

result = out.detach().cpu().numpy()[0].transpose(1, 2, 0)
Image.fromarray((result * 255).clip(0, 255).astype(np.uint8)).save("kate_inpainted.png")
