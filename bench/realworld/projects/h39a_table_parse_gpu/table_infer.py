# source: https://github.com/Filimoa/open-parse/issues/17 https://github.com/Filimoa/open-parse/pull/18
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 42, 44
# needs: torch, pillow
# cpu: no written where torch was not installed; not run
from typing import Dict, List

import torch
from PIL import Image

from table_models import (
    detection_model,
    detection_transform,
    device,
    structure_model,
    structure_transform,
)


def _box_cxcywh_to_xyxy(x):
    x_c, y_c, w, h = x.unbind(-1)
    return torch.stack([x_c - 0.5 * w, y_c - 0.5 * h, x_c + 0.5 * w, y_c + 0.5 * h], dim=1)


def _outputs_to_objects(outputs, img_size, id2label) -> List[Dict]:
    m = outputs.logits.softmax(-1).max(-1)
    labels = m.indices.detach().cpu()[0].tolist()
    scores = m.values.detach().cpu()[0].tolist()
    width, height = img_size
    boxes = _box_cxcywh_to_xyxy(outputs.pred_boxes.detach().cpu()[0])
    boxes = boxes * torch.tensor([width, height, width, height], dtype=torch.float32)
    objects = []
    for label, score, bbox in zip(labels, scores, boxes.tolist()):
        if id2label.get(int(label), "no object") != "no object":
            objects.append({"label": id2label[int(label)], "score": float(score), "bbox": bbox})
    return objects


def find_table_bboxes(image: Image.Image, min_table_confidence: float) -> List[Dict]:
    pixel_values = detection_transform(image).unsqueeze(0)
    with torch.no_grad():
        outputs = detection_model(pixel_values)
    tables = _outputs_to_objects(outputs, image.size, detection_model.config.id2label)
    return [t for t in tables if t["score"] > min_table_confidence]


def get_table_cells(table_img: Image.Image, min_cell_confidence: float) -> List[Dict]:
    pixel_values_st = structure_transform(table_img).unsqueeze(0).to(device)
    with torch.no_grad():
        outputs_st = structure_model(pixel_values_st)
    cells = _outputs_to_objects(outputs_st, table_img.size, structure_model.config.id2label)
    return [c for c in cells if c["score"] > min_cell_confidence]
