# source: https://github.com/pytorch/pytorch/issues/122757
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import Dataset, DataLoader


class SpectrogramClips(Dataset):
    def __init__(self, clips, labels):
        self.clips = clips
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        clip = torch.as_tensor(self.clips[idx], dtype=torch.float32).unsqueeze(0)
        return {"spec": clip, "label": torch.tensor(self.labels[idx], dtype=torch.long)}


def make_loader(clips, labels, batch_size=32, shuffle=True):
    return DataLoader(SpectrogramClips(clips, labels), batch_size=batch_size,
                      shuffle=shuffle, num_workers=2, pin_memory=True)
