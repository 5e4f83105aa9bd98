# source: https://github.com/LeapLabTHU/ACmix/issues/21
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class, helper
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""ACmix-style block (local self-attention + convolution) for gridded crowd-flow maps."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def coord_grid(h, w, device):
    loc_w = torch.linspace(-1.0, 1.0, w, device=device).unsqueeze(0).repeat(h, 1)
    loc_h = torch.linspace(-1.0, 1.0, h, device=device).unsqueeze(1).repeat(1, w)
    return torch.stack([loc_w, loc_h], dim=0).unsqueeze(0)


class ACmixBlock(nn.Module):
    def __init__(self, channels, heads=4, kernel_att=5, kernel_conv=3):
        super().__init__()
        self.heads, self.head_dim, self.k = heads, channels // heads, kernel_att
        self.q, self.kk, self.v = (nn.Conv2d(channels, channels, 1) for _ in range(3))
        self.conv_p = nn.Conv2d(2, self.head_dim, 1)
        self.pad = nn.ReflectionPad2d(kernel_att // 2)
        self.fc = nn.Conv2d(3 * heads, kernel_conv * kernel_conv, 1, bias=False)
        self.dep_conv = nn.Conv2d(kernel_conv * kernel_conv * self.head_dim, channels, kernel_conv,
                                  padding=kernel_conv // 2, groups=self.head_dim)
        self.rate1 = nn.Parameter(torch.tensor(0.5))
        self.rate2 = nn.Parameter(torch.tensor(0.5))

    def forward(self, x):
        b, c, h, w = x.shape
        q, k, v = self.q(x), self.kk(x), self.v(x)
        pe = self.conv_p(coord_grid(h, w, x.device))
        qa = q.view(b * self.heads, self.head_dim, h, w) * self.head_dim ** -0.5
        ka = F.unfold(self.pad(k.view(b * self.heads, self.head_dim, h, w) - pe), self.k)
        ka = ka.view(b * self.heads, self.head_dim, self.k * self.k, h, w)
        att = torch.softmax((qa.unsqueeze(2) * ka).sum(1), dim=1)
        va = F.unfold(self.pad(v.view(b * self.heads, self.head_dim, h, w)), self.k)
        va = va.view(b * self.heads, self.head_dim, self.k * self.k, h, w)
        out_att = (att.unsqueeze(1) * va).sum(2).view(b, c, h, w)
        f_all = self.fc(torch.cat([t.view(b, self.heads, self.head_dim, h * w) for t in (q, k, v)], 1))
        out_conv = self.dep_conv(f_all.permute(0, 2, 1, 3).reshape(b, -1, h, w))
        return x + self.rate1 * out_att + self.rate2 * out_conv
