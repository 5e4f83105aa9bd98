# The labels of a batch from a loader the function is handed are moved to the GPU;
# each image's rows, taken in a loop over them, are on the GPU too, and they meet
# anchors made on the CPU.
import torch


def make_anchors(n):
    return torch.rand(n, 4).sort(dim=1).values  # expect: TL204:12 lines=20,12


def match(anchors, boxes):
    lo = torch.maximum(anchors[:, None, :2], boxes[None, :, :2])
    hi = torch.minimum(anchors[:, None, 2:], boxes[None, :, 2:])
    return (hi - lo).clamp(min=0).prod(-1)


def assign(loader, n_anchors=64):
    anchors = make_anchors(n_anchors)
    for images, labels in loader:
        labels = labels.cuda()
        for boxes in labels:
            yield match(anchors, boxes[:, 1:])
