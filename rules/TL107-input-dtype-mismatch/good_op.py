import torch
import torch.nn.functional as F


def banded_scores(q, k):
    # Made in the dtype of the inputs it meets.
    band = torch.ones(q.shape[1], q.shape[1], device=q.device, dtype=q.dtype).triu(-2)
    return (q @ k.transpose(-1, -2)) @ band


def score(batch=2, length=16, dim=32):
    q = torch.randn(batch, length, dim, device="cuda", dtype=torch.float16)
    k = torch.randn(batch, length, dim, device="cuda", dtype=torch.float16)
    return banded_scores(q, k)


def edge_response(image, use_fp16):
    dtype = torch.float16 if use_fp16 else torch.float32
    x = torch.as_tensor(image, device="cuda").to(dtype)
    laplace = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], device="cuda")
    return F.conv2d(x, laplace[None, None].to(x.dtype), padding=1)


def edge_response_autocast(image):
    x = image.to("cuda", torch.float16)
    laplace = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], device="cuda")
    with torch.autocast("cuda", dtype=torch.float16):
        # autocast runs the convolution in float16 and casts both operands.
        return F.conv2d(x, laplace[None, None], padding=1)
