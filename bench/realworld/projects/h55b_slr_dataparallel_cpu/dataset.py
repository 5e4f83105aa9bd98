# source: https://github.com/zhang-can/ECO-pytorch/issues/51
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import Dataset


class SignClipDataset(Dataset):
    """Fixed-length RGB clips; real runs read decoded frames, here a seeded stand-in keeps it self-contained."""

    def __init__(self, n_videos=64, num_glosses=2000, frames=16, size=112, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.labels = torch.randint(0, num_glosses, (n_videos,), generator=g)
        self.frames, self.size, self.seed = frames, size, seed

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        g = torch.Generator().manual_seed(self.seed * 100003 + i)
        clip = torch.rand(3, self.frames, self.size, self.size, generator=g)
        clip = (clip - 0.45) / 0.225
        return clip, self.labels[i]
