# The input is moved to the device the model was moved to before its dtype follows
# the model's: `.type(dtype)` has no device left to get wrong.
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 16)

    @property
    def dtype(self):
        return self.proj.weight.dtype

    def encode_image(self, x):
        return self.proj(x)


def load(device):
    model = Encoder().half()
    return model.to(device).eval()


@torch.no_grad()
def embed(model, batch, device):
    batch = batch.to(device)
    return model.encode_image(batch.type(model.dtype))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load(device)
    print(embed(model, torch.randn(2, 16), device))
