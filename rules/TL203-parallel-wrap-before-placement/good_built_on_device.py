# A module class that is given its device builds its state there (pytorch3d's
# multi-GPU render test): it is not on the CPU when DataParallel wraps it.
import torch.nn as nn


class Renderer(nn.Module):
    def __init__(self, device):
        super().__init__()
        self.proj = nn.Linear(3, 3, device=device)

    def forward(self, verts):
        return self.proj(verts)


def render_on_gpus(gpu_list):
    model = Renderer(device=gpu_list[0])
    return nn.DataParallel(model, device_ids=gpu_list)
