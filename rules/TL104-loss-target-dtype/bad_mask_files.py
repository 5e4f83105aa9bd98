import cv2
import torch
import torch.nn.functional as F


def load_mask(path, size):
    # a grayscale PNG of class ids, resized without interpolation: still uint8 ids
    mask = cv2.imread(path, 0)
    mask = cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    return torch.from_numpy(mask).float()  # expect: TL104:12 lines=15


def mask_loss(logits, path):
    target = load_mask(path, (logits.shape[-1], logits.shape[-2]))
    return F.cross_entropy(logits, target)
