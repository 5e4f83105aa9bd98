# source: https://github.com/Zzh-tju/ultralytics-YOLOv3-Cluster-NMS/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def conv_bn(c_in, c_out, k=3, s=1):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, k, s, k // 2, bias=False),
        nn.BatchNorm2d(c_out),
        nn.LeakyReLU(0.1),
    )


class YOLOLayer(nn.Module):
    def __init__(self, anchors, nc, stride):
        super().__init__()
        self.na = len(anchors)
        self.nc = nc
        self.no = nc + 5
        self.stride = stride
        self.nx, self.ny = 0, 0
        anchors = torch.tensor(anchors, dtype=torch.float32)
        self.register_buffer("anchor_vec", anchors / stride)

    def create_grids(self, ng=(13, 13), device="cpu"):
        # cached per feature-map size, rebuilt only when the size changes
        self.nx, self.ny = ng
        self.ng = torch.tensor(ng, dtype=torch.float)
        yv, xv = torch.meshgrid([torch.arange(self.ny, device=device),
                                 torch.arange(self.nx, device=device)], indexing="ij")
        self.grid = torch.stack((xv, yv), 2).view(1, 1, self.ny, self.nx, 2).float()

    def forward(self, p):
        bs, _, ny, nx = p.shape
        if (self.nx, self.ny) != (nx, ny):
            self.create_grids((nx, ny), p.device)
        p = p.view(bs, self.na, self.no, self.ny, self.nx).permute(0, 1, 3, 4, 2).contiguous()
        if self.training:
            return p
        io = p.clone()
        io[..., :2] = torch.sigmoid(io[..., :2]) + self.grid
        io[..., 2:4] = torch.exp(io[..., 2:4]) * self.anchor_vec.view(1, self.na, 1, 1, 2)
        io[..., :4] *= self.stride
        io[..., 4:] = torch.sigmoid(io[..., 4:])
        return io.view(bs, -1, self.no), p


class TinyYOLO(nn.Module):
    def __init__(self, nc=20, anchors=((116, 90), (156, 198), (373, 326))):
        super().__init__()
        self.nc = nc
        self.backbone = nn.Sequential(
            conv_bn(3, 16), nn.MaxPool2d(2),
            conv_bn(16, 32), nn.MaxPool2d(2),
            conv_bn(32, 64), nn.MaxPool2d(2),
            conv_bn(64, 128), nn.MaxPool2d(2),
            conv_bn(128, 256), nn.MaxPool2d(2),
        )
        self.head = nn.Conv2d(256, len(anchors) * (nc + 5), 1)
        self.yolo = YOLOLayer(anchors, nc, stride=32)

    def forward(self, x):
        return self.yolo(self.head(self.backbone(x)))
