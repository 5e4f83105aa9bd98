# Each detection becomes a row of Python numbers for a results table: the class and
# the score are read with .item(), so np.array meets no tensor.
import numpy as np
import torch
from torchvision.models.detection import fasterrcnn_resnet50_fpn


def table(model, images, device):
    rows = []
    with torch.no_grad():
        for i, out in enumerate(model([img.to(device) for img in images])):
            for box, cls, score in zip(out["boxes"], out["labels"], out["scores"]):
                rows.append([i, cls.item(), *box.tolist(), score.item()])
    return np.array(rows)


if __name__ == "__main__":
    device = torch.device("cuda")
    detector = fasterrcnn_resnet50_fpn(weights=None).to(device).eval()
    print(table(detector, [torch.rand(3, 224, 224)], device).shape)
