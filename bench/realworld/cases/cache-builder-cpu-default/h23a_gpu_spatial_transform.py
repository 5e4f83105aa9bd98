# source: https://github.com/ScrollPrize/villa/pull/913
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: helper, class, loader-loop, batch-dict
# bug-lines: 16, 44
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn.functional as F


def _create_centered_identity_grid(shape):
    """Identity sampling grid in voxel units, centred on the patch centre."""
    axes = [torch.arange(s, dtype=torch.float32) - (s - 1) / 2 for s in shape]
    return torch.stack(torch.meshgrid(*axes, indexing="ij"), dim=-1)


def _rotation_matrix_z(angle):
    c, s = math.cos(angle), math.sin(angle)
    return torch.tensor([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


class SpatialTransform:
    """Random rotation/scale of a 3D patch and its segmentation, run on the training GPU."""

    def __init__(self, patch_size, p_rotation=0.2, scale=(0.85, 1.15)):
        self.patch_size = patch_size
        self.p_rotation = p_rotation
        self.scale = scale
        self._grid_cache = {}

    def _grid(self, shape):
        if shape not in self._grid_cache:
            self._grid_cache[shape] = _create_centered_identity_grid(shape)
        return self._grid_cache[shape]

    def __call__(self, img, seg):
        angle = torch.empty(1).uniform_(-math.pi, math.pi).item() if torch.rand(1) < self.p_rotation else 0.0
        s = torch.empty(1).uniform_(*self.scale).item()
        affine = (_rotation_matrix_z(angle) * s).to(img.device)
        grid = self._grid(tuple(self.patch_size))
        coords = grid @ affine.T
        norm = torch.tensor([(d - 1) / 2 for d in self.patch_size], device=img.device)
        coords = (coords / norm).flip(-1)[None]
        img_out = F.grid_sample(img[None], coords, mode="bilinear", align_corners=True)[0]
        seg_out = F.grid_sample(seg[None].float(), coords, mode="nearest", align_corners=True)[0]
        return img_out, seg_out.long()


def train_step(model, batch, transform, optimizer, device):
    imgs, segs = batch["image"].to(device), batch["label"].to(device)
    pairs = [transform(i, s) for i, s in zip(imgs, segs)]
    imgs = torch.stack([p[0] for p in pairs])
    segs = torch.stack([p[1] for p in pairs])
    loss = F.cross_entropy(model(imgs), segs[:, 0])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = torch.nn.Conv3d(1, 3, 3, padding=1).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    tf = SpatialTransform((32, 64, 64))
    batch = {"image": torch.randn(2, 1, 32, 64, 64), "label": torch.randint(0, 3, (2, 1, 32, 64, 64))}
    print(train_step(model, batch, tf, opt, device))
