# source: https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Object-Detection/issues/102
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 44
# cpu: clean
# needs: torch
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def box_iou(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


def calculate_mAP(det_boxes, det_labels, det_scores, true_boxes, true_labels, n_classes):
    true_images = torch.cat([torch.full((t.size(0),), i, device=device) for i, t in enumerate(true_labels)])
    det_images = torch.cat([torch.full((d.size(0),), i, device=device) for i, d in enumerate(det_labels)])
    true_boxes, true_labels = torch.cat(true_boxes), torch.cat(true_labels)
    det_boxes, det_labels, det_scores = torch.cat(det_boxes), torch.cat(det_labels), torch.cat(det_scores)
    average_precisions = torch.zeros(n_classes - 1, device=device)
    for c in range(1, n_classes):
        true_class_images = true_images[true_labels == c]
        true_class_boxes = true_boxes[true_labels == c]
        detected = torch.zeros(true_class_boxes.size(0), dtype=torch.uint8, device=device)
        det_class_scores, sort_ind = torch.sort(det_scores[det_labels == c], descending=True)
        det_class_images = det_images[det_labels == c][sort_ind]
        det_class_boxes = det_boxes[det_labels == c][sort_ind]
        n_det = det_class_boxes.size(0)
        if n_det == 0 or true_class_boxes.size(0) == 0:
            continue
        true_positives = torch.zeros(n_det, device=device)
        for d in range(n_det):
            this_image = det_class_images[d]
            object_boxes = true_class_boxes[true_class_images == this_image]
            if object_boxes.size(0) == 0:
                continue
            max_overlap, ind = torch.max(box_iou(det_class_boxes[d:d + 1], object_boxes).squeeze(0), dim=0)
            original_ind = torch.LongTensor(range(true_class_boxes.size(0)))[true_class_images == this_image][ind]
            if max_overlap.item() > 0.5 and detected[original_ind] == 0:
                true_positives[d] = 1
                detected[original_ind] = 1
        cum_tp = torch.cumsum(true_positives, dim=0)
        precisions = cum_tp / torch.arange(1, n_det + 1, device=device)
        average_precisions[c - 1] = precisions.mean()
    return average_precisions.mean().item()


if __name__ == "__main__":
    boxes = [torch.tensor([[0.1, 0.1, 0.4, 0.4], [0.5, 0.5, 0.9, 0.9]], device=device) for _ in range(3)]
    labels = [torch.tensor([1, 2], device=device) for _ in range(3)]
    scores = [torch.tensor([0.9, 0.8], device=device) for _ in range(3)]
    print(calculate_mAP(boxes, labels, scores, boxes, labels, n_classes=3))
