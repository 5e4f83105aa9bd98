# source: https://github.com/huggingface/transformers/issues/42205 https://github.com/huggingface/transformers/pull/42228
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# cpu: clean
# needs: torch
import torch
from torch.utils.data import Dataset


class SidewalkSemantic(Dataset):
    """Stand-in for segments/sidewalk-semantic: an image and a per-pixel class map."""

    def __init__(self, n=6, size=16, num_classes=5):
        g = torch.Generator().manual_seed(0)
        self.images = torch.rand(n, 3, size, size, generator=g)
        self.maps = torch.randint(0, num_classes, (n, size, size), generator=g)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return self.images[idx], self.maps[idx]


def image_processor(images, segmentation_maps):
    """Like EomtImageProcessor: one mask per class present, so a list per image."""
    mask_labels, class_labels = [], []
    for seg in segmentation_maps:
        classes = torch.unique(seg)
        mask_labels.append(torch.stack([(seg == c).float() for c in classes]))
        class_labels.append(classes.long())
    return {
        "pixel_values": torch.stack(list(images)),
        "mask_labels": mask_labels,
        "class_labels": class_labels,
    }


def collate_fn(examples):
    images, maps = zip(*examples)
    return image_processor(images, maps)
