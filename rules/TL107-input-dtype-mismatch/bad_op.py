import torch
import torch.nn.functional as F


def banded_scores(q, k):
    # The band is made in the default dtype: float32, whatever q and k are.
    band = torch.ones(q.shape[1], q.shape[1], device=q.device).triu(-2)  # expect: TL107:12 lines=8
    return (q @ k.transpose(-1, -2)) @ band


def score(batch=2, length=16, dim=32):
    q = torch.randn(batch, length, dim, device="cuda", dtype=torch.float16)
    k = torch.randn(batch, length, dim, device="cuda", dtype=torch.float16)
    return banded_scores(q, k)


def edge_response(image, use_fp16):
    # The option's dtype reaches the image; the fixed Laplacian filter stays float32.
    dtype = torch.float16 if use_fp16 else torch.float32
    x = torch.as_tensor(image, device="cuda").to(dtype)
    laplace = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], device="cuda")  # expect: TL107:15 lines=22,19
    return F.conv2d(x, laplace[None, None], padding=1)
