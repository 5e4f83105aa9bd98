# source: https://github.com/fastai/diffusion-nbs/issues/27
# error: RuntimeError: Input type (struct c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: helper
# bug-lines: 43
# cpu: raises "Input type (c10::Half) and bias type (float)"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

torch_device = "cuda" if torch.cuda.is_available() else "cpu"


class LatentDist:
    def __init__(self, moments):
        self.mean, self.logvar = moments.chunk(2, dim=1)

    def sample(self):
        return self.mean + torch.randn_like(self.mean) * (0.5 * self.logvar).exp()


class AutoencoderKL(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.SiLU(),
                                     nn.Conv2d(8, 8, 3, stride=2, padding=1))

    def encode(self, x):
        return LatentDist(self.encoder(x))


def to_tensor(pil_like):
    # HWC uint8 -> CHW float in [0, 1], like torchvision's ToTensor
    return torch.from_numpy(pil_like).permute(2, 0, 1).float() / 255.0


vae = AutoencoderKL().to(torch_device)


def pil_to_latent(input_im):
    with torch.no_grad():
        latent = vae.encode(to_tensor(input_im).type(torch.float16).unsqueeze(0).to(torch_device) * 2 - 1)
    return 0.18215 * latent.sample()


if __name__ == "__main__":
    input_image = (np.random.rand(32, 32, 3) * 255).astype(np.uint8)
    encoded = pil_to_latent(input_image)
    print(encoded.shape)
