# source: https://github.com/opengeos/geoai/pull/746
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: helper, loader-loop
# bug-lines: 36, 37
# needs: torch, torchvision, numpy, rasterio, pandas
# cpu: no written where torch was not installed; not run
"""Detect tree crowns in drone orthomosaic tiles with a RetinaNet crown detector."""
import numpy as np
import pandas as pd
import rasterio
import torch
from rasterio.windows import Window
from torchvision.models.detection import retinanet_resnet50_fpn


def load_crown_detector(weights_path, device):
    model = retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=2)
    model.load_state_dict(torch.load(weights_path, map_location="cpu"))
    model.to(device)
    model.eval()
    return model


def iter_tiles(raster_path, size=400, overlap=0.1):
    step = int(size * (1 - overlap))
    with rasterio.open(raster_path) as src:
        for row in range(0, src.height - size + 1, step):
            for col in range(0, src.width - size + 1, step):
                rgb = src.read([1, 2, 3], window=Window(col, row, size, size))
                yield row, col, np.moveaxis(rgb, 0, -1)


@torch.no_grad()
def predict_tile(model, tile, score_thresh=0.3):
    image = torch.from_numpy(tile.astype(np.float32) / 255.0).permute(2, 0, 1)
    out = model([image])[0]
    keep = out["scores"] > score_thresh
    boxes = out["boxes"][keep].cpu().numpy()
    return boxes, out["scores"][keep].cpu().numpy()


def predict_orthomosaic(raster_path, weights_path):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_crown_detector(weights_path, device)
    rows = []
    for row, col, tile in iter_tiles(raster_path):
        boxes, scores = predict_tile(model, tile)
        for (x0, y0, x1, y1), s in zip(boxes, scores):
            rows.append({"xmin": x0 + col, "ymin": y0 + row, "xmax": x1 + col,
                         "ymax": y1 + row, "score": float(s), "label": "Tree"})
    return pd.DataFrame(rows)


if __name__ == "__main__":
    crowns = predict_orthomosaic("site_A_ortho.tif", "crown_retinanet.pt")
    crowns.to_csv("site_A_crowns.csv", index=False)
    print(f"{len(crowns)} crowns detected")
