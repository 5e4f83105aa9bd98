# source: https://github.com/DigitalPhonetics/IMS-Toucan/issues/88
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# bug-lines: 28, 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Invertible 1x1 conv flow used by a VITS-style voice-conversion decoder.

At inference the flow runs in reverse, so the inverse weight is cached once.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class InvConvNear(nn.Module):
    def __init__(self, channels, n_split=4):
        super().__init__()
        self.channels = channels
        self.n_split = n_split
        w_init = torch.linalg.qr(torch.randn(n_split, n_split))[0]
        if torch.det(w_init) < 0:
            w_init[:, 0] = -w_init[:, 0]
        self.weight = nn.Parameter(w_init)

    def store_inverse(self):
        self.weight_inv = torch.inverse(self.weight.detach().float())

    def forward(self, x, x_mask, reverse=False):
        b, c, t = x.size()
        x = x.view(b, 2, c // self.n_split, self.n_split // 2, t)
        x = x.permute(0, 1, 3, 2, 4).contiguous().view(b, self.n_split, c // self.n_split, t)
        weight = self.weight_inv if reverse else self.weight
        z = F.conv2d(x, weight.view(self.n_split, self.n_split, 1, 1))
        z = z.view(b, 2, self.n_split // 2, c // self.n_split, t)
        return z.permute(0, 1, 3, 2, 4).contiguous().view(b, c, t) * x_mask


class ResidualFlow(nn.Module):
    def __init__(self, channels=192, n_blocks=4):
        super().__init__()
        self.flows = nn.ModuleList(InvConvNear(channels) for _ in range(n_blocks))

    def forward(self, z, z_mask, reverse=False):
        for flow in (reversed(self.flows) if reverse else self.flows):
            z = flow(z, z_mask, reverse=reverse)
        return z

    def store_inverse(self):
        for flow in self.flows:
            flow.store_inverse()


def load_flow_for_inference(ckpt_path, device):
    flow = ResidualFlow()
    flow.load_state_dict(torch.load(ckpt_path, map_location="cpu")["flow"])
    flow.store_inverse()
    return flow.to(device).eval()


@torch.no_grad()
def convert(flow, z_src, z_mask):
    """Map source-speaker posterior latents back through the flow (reverse pass)."""
    return flow(z_src, z_mask, reverse=True)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    flow = load_flow_for_inference("checkpoints/vc_flow.pth", device)
    z = torch.randn(1, 192, 400, device=device)
    mask = torch.ones(1, 1, 400, device=device)
    print(convert(flow, z, mask).shape)
