# source: https://github.com/WongKinYiu/PyTorch_YOLOv4/issues/296
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# bug-lines: 21, 22, 48
# needs: torch
# cpu: clean
"""Darknet-style YOLO layer with a keypoint branch and its target builder (YOLOv3/v4-pose fork)."""
import torch
import torch.nn as nn


class YOLOKptLayer(nn.Module):
    def __init__(self, anchors, stride, nc=1, nkpt=5, in_ch=64):
        super().__init__()
        self.na = len(anchors)
        self.nc, self.nkpt = nc, nkpt
        self.no = 5 + nc + 3 * nkpt
        self.stride = stride
        self.conv = nn.Conv2d(in_ch, self.na * self.no, 1)
        self.anchors = torch.tensor(anchors, dtype=torch.float32)
        self.anchor_vec = self.anchors / self.stride

    def forward(self, x):
        p = self.conv(x)
        bs, _, ny, nx = p.shape
        return p.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()


class KptDarknet(nn.Module):
    def __init__(self, anchors=((10, 14), (23, 27), (37, 58)), strides=(8, 16)):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 8, 1), nn.LeakyReLU(0.1))
        self.yolo_layers = nn.ModuleList(YOLOKptLayer(anchors, s) for s in strides)

    def forward(self, x):
        f = self.stem(x)
        return [layer(f if i == 0 else f[..., ::2, ::2]) for i, layer in enumerate(self.yolo_layers)]


def build_targets(preds, targets, model, iou_t=0.2):
    tbox, indices, anch = [], [], []
    for i, layer in enumerate(model.yolo_layers):
        anchors = layer.anchor_vec
        gain = torch.tensor(preds[i].shape, device=targets.device)[[3, 2, 3, 2]].float()
        t = targets[:, 2:6] * gain
        gwh = t[:, 2:4]
        inter = torch.min(gwh[None], anchors[:, None]).prod(2)
        iou = inter / (gwh.prod(1)[None] + anchors.prod(1)[:, None] - inter)
        a, j = (iou > iou_t).nonzero(as_tuple=True)
        b = targets[j, 0].long()
        gxy = t[j, :2]
        gi, gj = gxy.long().t()
        indices.append((b, a, gj, gi))
        tbox.append(torch.cat((gxy - gxy.floor(), gwh[j]), 1))
        anch.append(anchors[a])
    return tbox, indices, anch


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = KptDarknet().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loader = [(torch.rand(2, 3, 256, 256), torch.tensor([[0, 0, 0.5, 0.5, 0.2, 0.4], [1, 0, 0.3, 0.6, 0.1, 0.2]]))]
    for imgs, targets in loader:
        imgs, targets = imgs.to(device), targets.to(device)
        preds = model(imgs)
        tbox, indices, anch = build_targets(preds, targets, model)
        loss = sum(p[..., 4].sigmoid().mean() for p in preds) + sum((tb[:, 2:] / an).log().abs().mean() for tb, an in zip(tbox, anch))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(loss.item())
