# source: https://github.com/ElvishElvis/68-Retinaface-Pytorch-version/issues/14
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: helper, loader-loop, batch-dict
# bug-lines: 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""WIDER-face style evaluation of a RetinaFace model with 68 facial landmarks."""
import torch
import torch.nn as nn
import torchvision.ops as ops
from torch.utils.data import DataLoader, Dataset


class FaceEvalSet(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, idx):
        img = torch.rand(3, 320, 320)
        annot = torch.tensor([[40.0, 50.0, 120.0, 160.0] + [0.0] * 136])
        return {"img": img, "annot": annot}


def get_detections(img_batch, model, score_threshold=0.5, iou_threshold=0.5):
    model.eval()
    model.cuda()
    img_batch.cuda()
    with torch.no_grad():
        classifications, bboxes, landmarks = model(img_batch)
        picked_boxes, picked_landmarks = [], []
        for i in range(classifications.shape[0]):
            scores = classifications[i].softmax(-1)[:, 1]
            keep = scores > score_threshold
            if keep.sum() == 0:
                picked_boxes.append(None)
                picked_landmarks.append(None)
                continue
            boxes, lms, scores = bboxes[i][keep], landmarks[i][keep], scores[keep]
            nms_idx = ops.nms(boxes, scores, iou_threshold)
            picked_boxes.append(torch.cat([boxes[nms_idx], scores[nms_idx, None]], 1))
            picked_landmarks.append(lms[nms_idx])
    return picked_boxes, picked_landmarks


class TinyRetinaFace(nn.Module):
    def __init__(self, num_anchors=2, num_ldm=68):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, 4, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 4, 1), nn.ReLU())
        self.cls = nn.Conv2d(64, num_anchors * 2, 1)
        self.box = nn.Conv2d(64, num_anchors * 4, 1)
        self.ldm = nn.Conv2d(64, num_anchors * num_ldm * 2, 1)

    def forward(self, x):
        f = self.body(x)
        b = x.shape[0]
        flat = lambda t, k: t.permute(0, 2, 3, 1).reshape(b, -1, k)
        return flat(self.cls(f), 2), flat(self.box(f), 4).abs() * 100, flat(self.ldm(f), 136)


def evaluate(model, loader, threshold=0.5):
    recall_hits, total = 0, 0
    for data in loader:
        img_batch = data["img"]
        annots = data["annot"].cuda()
        picked_boxes, _ = get_detections(img_batch, model)
        for j, boxes in enumerate(picked_boxes):
            total += annots[j].shape[0]
            if boxes is None:
                continue
            iou = ops.box_iou(annots[j][:, :4], boxes[:, :4])
            recall_hits += int((iou.max(dim=1)[0] > threshold).sum())
    return recall_hits / max(total, 1)


if __name__ == "__main__":
    loader = DataLoader(FaceEvalSet(), batch_size=4)
    print("recall:", evaluate(TinyRetinaFace(), loader))
