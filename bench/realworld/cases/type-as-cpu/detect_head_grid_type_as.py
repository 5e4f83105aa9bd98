# source: https://github.com/Bobo-y/flexible-yolov5/issues/111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class
# bug-lines: 22, 38, 40, 41
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

ANCHORS = [[10, 13, 16, 30, 33, 23], [30, 61, 62, 45, 59, 119]]


class Detect(nn.Module):
    def __init__(self, nc=3, anchors=ANCHORS, ch=(16, 32), strides=(8, 16)):
        super().__init__()
        self.no = nc + 5
        self.nl = len(anchors)
        self.na = len(anchors[0]) // 2
        self.stride = strides
        a = torch.tensor(anchors, dtype=torch.float32).view(self.nl, -1, 2)
        self.anchor_grid = [a[i].view(1, self.na, 1, 1, 2) for i in range(self.nl)]
        self.grid = [torch.zeros(1)] * self.nl
        self.m = nn.ModuleList(nn.Conv2d(c, self.no * self.na, 1) for c in ch)

    @staticmethod
    def _make_grid(nx, ny):
        yv, xv = torch.meshgrid(torch.arange(ny), torch.arange(nx), indexing="ij")
        return torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2).float()

    def forward(self, feats):
        z = []
        for i in range(self.nl):
            x = self.m[i](feats[i])
            bs, _, ny, nx = x.shape
            x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            if self.grid[i].shape[2:4] != x.shape[2:4]:
                self.grid[i] = self._make_grid(nx, ny).type_as(self.anchor_grid[i])
            y = x.sigmoid()
            y[..., 0:2] = (y[..., 0:2] * 2.0 - 0.5 + self.grid[i]) * self.stride[i]
            y[..., 2:4] = (y[..., 2:4] * 2) ** 2 * self.anchor_grid[i]
            z.append(y.view(bs, -1, self.no))
        return torch.cat(z, 1)


device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
detection = Detect().to(device).eval()
feats = [torch.randn(1, 16, 8, 8, device=device), torch.randn(1, 32, 4, 4, device=device)]
with torch.no_grad():
    out = detection(feats)
print(out.shape)
