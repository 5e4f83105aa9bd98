# source: https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Object-Detection/issues/102
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# looks-like: legacy-tensor-constructor
# cpu: clean
# needs: torch
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def match_detections(det_boxes, det_images, true_boxes, true_images, iou_fn):
    detected = torch.zeros(true_boxes.size(0), dtype=torch.uint8, device=device)
    true_positives = torch.zeros(det_boxes.size(0), device=device)
    for d in range(det_boxes.size(0)):
        same_image = true_images == det_images[d]
        object_boxes = true_boxes[same_image]
        if object_boxes.size(0) == 0:
            continue
        max_overlap, ind = torch.max(iou_fn(det_boxes[d:d + 1], object_boxes).squeeze(0), dim=0)
        original_ind = torch.tensor(range(true_boxes.size(0)), dtype=torch.long, device=device)[same_image][ind]
        if max_overlap.item() > 0.5 and detected[original_ind] == 0:
            true_positives[d] = 1
            detected[original_ind] = 1
    return true_positives


def box_iou(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


if __name__ == "__main__":
    true_boxes = torch.tensor([[0.1, 0.1, 0.4, 0.4], [0.5, 0.5, 0.9, 0.9], [0.2, 0.2, 0.6, 0.6]], device=device)
    true_images = torch.tensor([0, 0, 1], device=device)
    det_boxes = torch.tensor([[0.12, 0.1, 0.4, 0.42], [0.2, 0.2, 0.55, 0.6]], device=device)
    det_images = torch.tensor([0, 1], device=device)
    print(match_detections(det_boxes, det_images, true_boxes, true_images, box_iou))
