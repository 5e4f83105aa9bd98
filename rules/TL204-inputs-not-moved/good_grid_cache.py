import torch
import torch.nn.functional as F


def identity_grid(shape, device):
    # one coordinate axis per dimension, centred on the middle voxel
    axes = [torch.linspace(-1.0, 1.0, n, device=device) for n in shape]
    return torch.stack(torch.meshgrid(*axes, indexing="ij"), dim=-1)


class RandomZoom:
    """A GPU augmentation: the sampling grid is cached per patch shape, built on the
    device of the volume it is made for, where the zoom is too."""

    def __init__(self, low=0.9, high=1.1):
        self.low, self.high = low, high
        self._grids = {}

    def grid(self, shape, device):
        if shape not in self._grids:
            self._grids[shape] = identity_grid(shape, device)
        return self._grids[shape]

    def __call__(self, volume):
        zoom = torch.empty(3, device=volume.device).uniform_(self.low, self.high)
        grid = self.grid(tuple(volume.shape[-3:]), volume.device)
        return F.grid_sample(volume[None], (grid * zoom)[None], align_corners=True)[0]


def augment(batch, device):
    zoom = RandomZoom()
    return torch.stack([zoom(v) for v in batch.to(device)])


augment(torch.randn(4, 1, 16, 16, 16), torch.device("cuda"))
