# source: https://github.com/kadirnar/Yolov6-SAHI/pull/4
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# bug-lines: 54
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision.ops import nms

from preprocess import precess_image

COCO_CLASSES = ["person", "bicycle", "car", "motorcycle", "bus", "truck", "traffic light", "stop sign"]


class TinyYoloV6(nn.Module):
    stride = 32

    def __init__(self, num_classes):
        super().__init__()
        chans = [3, 16, 32, 64, 128, 256]
        layers = []
        for cin, cout in zip(chans[:-1], chans[1:]):
            layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.SiLU()]
        self.backbone = nn.Sequential(*layers)
        self.head = nn.Conv2d(256, 5 + num_classes, 1)

    def forward(self, x):
        out = self.head(self.backbone(x))  # (N, 5 + nc, H/32, W/32)
        return out.flatten(2).transpose(1, 2)  # (N, cells, 5 + nc): cx, cy, w, h, obj, cls...


class Yolov6DetectionModel:
    def __init__(self, model_path, device="cuda:0", confidence_threshold=0.4, iou_threshold=0.45, image_size=640):
        self.model_path = model_path
        self.device = torch.device(device)
        self.confidence_threshold = confidence_threshold
        self.iou_threshold = iou_threshold
        self.image_size = image_size
        self.load_model()

    def load_model(self):
        model = TinyYoloV6(num_classes=len(COCO_CLASSES))
        model.load_state_dict(torch.load(self.model_path, map_location="cpu"))
        self.model = model.to(self.device).eval()
        self.stride = model.stride

    @torch.no_grad()
    def perform_inference(self, image):
        img, self.letterbox_info, self.src_shape = precess_image(
            image, img_size=self.image_size, stride=self.stride
        )
        self._original_predictions = self.model(img)

    def object_predictions(self):
        pred = self._original_predictions[0]
        boxes = torch.cat([pred[:, :2] - pred[:, 2:4] / 2, pred[:, :2] + pred[:, 2:4] / 2], dim=1)
        scores, labels = (pred[:, 4:5].sigmoid() * pred[:, 5:].sigmoid()).max(dim=1)
        keep = scores > self.confidence_threshold
        boxes, scores, labels = boxes[keep], scores[keep], labels[keep]
        keep = nms(boxes, scores, self.iou_threshold)
        ratio, (left, top) = self.letterbox_info
        results = []
        for box, score, label in zip(boxes[keep].cpu(), scores[keep].cpu(), labels[keep].cpu()):
            x1, y1, x2, y2 = ((box - torch.tensor([left, top, left, top])) / ratio).tolist()
            results.append({"bbox": [int(x1), int(y1), int(x2), int(y2)],
                            "score": float(score), "category": COCO_CLASSES[int(label)]})
        return results
