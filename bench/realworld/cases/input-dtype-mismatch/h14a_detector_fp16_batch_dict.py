# source: https://github.com/open-mmlab/mmdetection/issues/11166
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: batch-dict, helper, class
# bug-lines: 22, 66
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from PIL import Image


class DetDataPreprocessor:
    """Moves a batch dict to the device, converts images to float and normalizes them."""

    def __init__(self, mean, std, device):
        self.mean = torch.tensor(mean, device=device).view(-1, 1, 1)
        self.std = torch.tensor(std, device=device).view(-1, 1, 1)

    def __call__(self, data):
        inputs = [img.to(self.mean.device).float() for img in data["inputs"]]
        inputs = [(img - self.mean) / self.std for img in inputs]
        return {"inputs": torch.stack(inputs), "data_samples": data["data_samples"]}


def cast_tensor_type(obj, src_type, dst_type):
    if isinstance(obj, torch.Tensor):
        return obj.to(dst_type) if obj.dtype == src_type else obj
    if isinstance(obj, dict):
        return {k: cast_tensor_type(v, src_type, dst_type) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(cast_tensor_type(v, src_type, dst_type) for v in obj)
    return obj


class TinyRTMDet(nn.Module):
    def __init__(self, num_classes=80):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.SiLU(),
        )
        self.cls_head = nn.Conv2d(64, num_classes, 1)
        self.reg_head = nn.Conv2d(64, 4, 1)

    def forward(self, x):
        feats = self.backbone(x)
        return self.cls_head(feats).sigmoid(), self.reg_head(feats).exp()


def inference_detector(model, preprocessor, image_paths):
    images = [np.asarray(Image.open(p).convert("RGB").resize((640, 640))) for p in image_paths]
    data = {"inputs": [torch.from_numpy(img).permute(2, 0, 1).contiguous() for img in images],
            "data_samples": [{"img_path": p, "ori_shape": img.shape[:2]} for p, img in zip(image_paths, images)]}
    data = cast_tensor_type(data, torch.uint8, torch.half)
    with torch.no_grad():
        batch = preprocessor(data)
        return model(batch["inputs"])


if __name__ == "__main__":
    device = torch.device("cuda:0")
    model = TinyRTMDet()
    model.load_state_dict(torch.load("rtmdet_tiny.pth", map_location="cpu"))
    model = model.half().to(device).eval()
    preprocessor = DetDataPreprocessor([103.53, 116.28, 123.675], [57.375, 57.12, 58.395], device)
    scores, boxes = inference_detector(model, preprocessor, ["demo/demo.jpg"])
    print(scores.shape, boxes.shape)
