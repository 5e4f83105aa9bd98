# source: https://github.com/EliHei2/segger_dev/issues/59
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Draw pen offsets (dx, dy, pen_up) from the mixture density output."""
import torch

ALPHABET = " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,'!?-"


def encode_text(text, n_chars, device):
    ids = torch.tensor([ALPHABET.index(c) + 1 for c in text], device=device)
    return torch.nn.functional.one_hot(ids, n_chars).float().unsqueeze(0)


def sample_mdn(params, n_mix, bias=1.0):
    eos = torch.sigmoid(params[:, :1])
    pi, mu1, mu2, s1, s2, rho = params[:, 1:].split(n_mix, dim=-1)
    k = torch.multinomial(torch.softmax(pi * (1 + bias), dim=-1), 1)
    pick = lambda t: t.gather(1, k).squeeze(1)
    s1, s2 = pick(s1 - bias).exp(), pick(s2 - bias).exp()
    r = torch.tanh(pick(rho))
    z1, z2 = torch.randn_like(s1), torch.randn_like(s2)
    dx = pick(mu1) + s1 * z1
    dy = pick(mu2) + s2 * (r * z1 + torch.sqrt(1 - r ** 2) * z2)
    return torch.stack([dx, dy, torch.bernoulli(eos.squeeze(1))], dim=-1)


@torch.no_grad()
def write(model, text, steps_per_char=25, bias=1.0):
    device = next(model.parameters()).device
    onehot = encode_text(text, model.n_chars, device)
    state = model.init_state(1, device)
    point = torch.zeros(1, 3, device=device)
    strokes = []
    for _ in range(steps_per_char * len(text)):
        params, state = model.step(point, onehot, state)
        point = sample_mdn(params, model.n_mix, bias)
        strokes.append(point)
    return torch.cat(strokes, dim=0)
