# source: https://github.com/otaheri/chamfer_distance/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:6 and cuda:0!
# pattern: hard-coded-cuda
# shape: helper, class
# looks-like: hard-coded-cuda
# cpu: clean
# needs: torch
import torch


class ChamferDistanceFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, xyz1, xyz2):
        batchsize, n, _ = xyz1.size()
        _, m, _ = xyz2.size()
        device = xyz1.device
        dist1 = torch.zeros(batchsize, n).to(device)
        dist2 = torch.zeros(batchsize, m).to(device)
        d = torch.cdist(xyz1, xyz2) ** 2
        dist1.copy_(d.min(dim=2).values)
        dist2.copy_(d.min(dim=1).values)
        idx1, idx2 = d.argmin(dim=2), d.argmin(dim=1)
        ctx.save_for_backward(xyz1, xyz2, idx1, idx2)
        return dist1, dist2

    @staticmethod
    def backward(ctx, graddist1, graddist2):
        xyz1, xyz2, idx1, idx2 = ctx.saved_tensors
        b = torch.arange(xyz1.shape[0], device=xyz1.device)[:, None]
        gradxyz1 = 2 * graddist1.unsqueeze(-1) * (xyz1 - xyz2[b, idx1])
        gradxyz2 = 2 * graddist2.unsqueeze(-1) * (xyz2 - xyz1[b, idx2])
        return gradxyz1, gradxyz2


def chamfer_distance(xyz1, xyz2):
    dist1, dist2 = ChamferDistanceFunction.apply(xyz1, xyz2)
    return dist1.mean() + dist2.mean()


if __name__ == "__main__":
    device = torch.device(f"cuda:{torch.cuda.device_count() - 1}" if torch.cuda.is_available() else "cpu")
    points = torch.rand(2, 100, 3, device=device, requires_grad=True)
    loss = chamfer_distance(points, torch.rand(2, 80, 3, device=device))
    loss.backward()
    print(loss.item(), points.grad.shape)
