# source: https://github.com/brazgardian/M3D-RPN/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn

from h65a_anchors_ok import generate_anchors
from h65a_rpn_loss_ok import RPN3DLoss


class Mono3DRPN(nn.Module):
    def __init__(self, num_anchors):
        super().__init__()
        self.num_anchors = num_anchors
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(a, b, 3, 2, 1), nn.ReLU())
                                    for a, b in [(3, 32), (32, 64), (64, 128), (128, 256)]])
        self.cls = nn.Conv2d(256, num_anchors * 2, 1)
        self.bbox_3d = nn.Conv2d(256, num_anchors * 7, 1)

    def forward(self, x):
        f = self.body(x)
        b, _, h, w = f.shape
        cls = self.cls(f).permute(0, 2, 3, 1).reshape(b, h * w * self.num_anchors, 2)
        box = self.bbox_3d(f).permute(0, 2, 3, 1).reshape(b, h * w * self.num_anchors, 7)
        return cls, box, (h, w)


def main(iters=200):
    device = torch.device("cuda")
    anchors = generate_anchors()
    model = Mono3DRPN(len(anchors)).to(device)
    criterion = RPN3DLoss(anchors)
    optimizer = torch.optim.SGD(model.parameters(), lr=4e-3, momentum=0.9)
    history = []
    for it in range(iters):
        batch = {"image": torch.rand(2, 3, 384, 1280), "gt_depth": torch.empty(2).uniform_(5, 60)}
        batch = {k: v.to(device) for k, v in batch.items()}
        cls, box, feat_size = model(batch["image"])
        loss, stats = criterion(cls, box, batch, feat_size)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        history.append([loss.detach().cpu().numpy(), stats["fg_ratio"], stats["z_err"]])
    np.save("train_log.npy", np.asarray(history, dtype=np.float32))


if __name__ == "__main__":
    main()
