# source: https://github.com/Serge-weihao/CCNet-Pure-Pytorch/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: hard-coded-cuda
# shape: helper, class
# bug-lines: 14
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def neg_inf_diag(batch, height, width):
    """(B*W, H, H) mask with -inf on the diagonal so a pixel does not attend to itself twice."""
    diag = torch.diag(torch.tensor(float("inf")).cuda().repeat(height), 0)
    return -diag.unsqueeze(0).repeat(batch * width, 1, 1)


class CrissCrossAttention(nn.Module):
    def __init__(self, in_dim):
        super().__init__()
        self.query_conv = nn.Conv2d(in_dim, in_dim // 8, kernel_size=1)
        self.key_conv = nn.Conv2d(in_dim, in_dim // 8, kernel_size=1)
        self.value_conv = nn.Conv2d(in_dim, in_dim, kernel_size=1)
        self.softmax = nn.Softmax(dim=3)
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        b, _, h, w = x.size()
        q, k, v = self.query_conv(x), self.key_conv(x), self.value_conv(x)
        q_h = q.permute(0, 3, 1, 2).contiguous().view(b * w, -1, h).permute(0, 2, 1)
        q_w = q.permute(0, 2, 1, 3).contiguous().view(b * h, -1, w).permute(0, 2, 1)
        k_h = k.permute(0, 3, 1, 2).contiguous().view(b * w, -1, h)
        k_w = k.permute(0, 2, 1, 3).contiguous().view(b * h, -1, w)
        v_h = v.permute(0, 3, 1, 2).contiguous().view(b * w, -1, h)
        v_w = v.permute(0, 2, 1, 3).contiguous().view(b * h, -1, w)

        energy_h = (torch.bmm(q_h, k_h) + neg_inf_diag(b, h, w)).view(b, w, h, h).permute(0, 2, 1, 3)
        energy_w = torch.bmm(q_w, k_w).view(b, h, w, w)
        attn = self.softmax(torch.cat([energy_h, energy_w], 3))
        att_h = attn[:, :, :, 0:h].permute(0, 2, 1, 3).contiguous().view(b * w, h, h)
        att_w = attn[:, :, :, h:h + w].contiguous().view(b * h, w, w)
        out_h = torch.bmm(v_h, att_h.permute(0, 2, 1)).view(b, w, -1, h).permute(0, 2, 3, 1)
        out_w = torch.bmm(v_w, att_w.permute(0, 2, 1)).view(b, h, -1, w).permute(0, 2, 1, 3)
        return self.gamma * (out_h + out_w) + x


if __name__ == "__main__":
    model = CrissCrossAttention(64)
    x = torch.randn(2, 64, 5, 6)
    y = model(x)
    print(y.shape)
