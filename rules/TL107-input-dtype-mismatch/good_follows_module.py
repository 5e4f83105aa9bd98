import torch
import torch.nn as nn


class HintEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cond = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, sample):
        return self.cond(sample)


class Sampler:
    def __init__(self, denoiser, hint_encoder):
        self.denoiser = denoiser
        self.hint_encoder = hint_encoder

    @torch.no_grad()
    def __call__(self):
        # The latents follow the module they meet.
        latents = torch.randn(1, 4, 8, 8, dtype=self.hint_encoder.cond.weight.dtype)
        return self.hint_encoder(latents)


def load_hint_encoder(torch_dtype=torch.float32):
    return HintEncoder().to(torch_dtype)


if __name__ == "__main__":
    # Both modules in one dtype.
    hint_encoder = load_hint_encoder(torch_dtype=torch.float16)
    print(Sampler(nn.Conv2d(4, 4, 1).half(), hint_encoder)().shape)
