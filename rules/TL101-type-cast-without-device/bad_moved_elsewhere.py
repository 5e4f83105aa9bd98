# The input is moved, but to another device than the model's: the cast's missing
# device is still the one that matters.
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 16)

    def encode_image(self, x):
        return self.proj(x)


@torch.no_grad()
def embed(model, batch, data_device):
    batch = batch.to(data_device)
    return model.encode_image(batch.type(torch.float16))  # expect: TL101:37


if __name__ == "__main__":
    model = Encoder().half().to("cuda:1")
    print(embed(model, torch.randn(2, 16), "cuda:0"))
