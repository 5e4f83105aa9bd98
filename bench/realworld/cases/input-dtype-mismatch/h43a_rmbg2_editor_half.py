# source: https://github.com/starik222/BooruDatasetTagManager/issues/232
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: class, top-level
# bug-lines: 50, 52
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Background-removal editor used by a small image-editing RPC server."""
import torch
import torch.nn as nn
from PIL import Image
from torchvision import transforms

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class SegmentationBackbone(nn.Module):
    """Stand-in for the BiRefNet/RMBG-2.0 network: returns a list of side outputs."""

    def __init__(self, ch=32):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, ch, 3, stride=2, padding=1), nn.GELU())
        self.body = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.GELU())
        self.pred = nn.Conv2d(ch, 1, 1)

    def forward(self, x):
        f = self.body(self.stem(x))
        logits = nn.functional.interpolate(self.pred(f), size=x.shape[-2:], mode="bilinear")
        return [f, logits]


class RMBG2Editor:
    name = "rmbg2"

    def __init__(self, weights_path, image_size=(1024, 1024)):
        model = SegmentationBackbone()
        model.load_state_dict(torch.load(weights_path, map_location="cpu"))
        model = model.to(DEVICE).eval()
        if DEVICE.type == "cuda":
            model = model.half()  # fp16 weights to save VRAM on the GPU
        self.model = model
        self.transform_image = transforms.Compose([
            transforms.Resize(image_size),
            transforms.ToTensor(),
            transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
        ])

    def apply(self, image: Image.Image) -> Image.Image:
        image = image.convert("RGB")
        input_images = self.transform_image(image).unsqueeze(0).to(DEVICE)
        with torch.no_grad():
            preds = self.model(input_images)[-1].sigmoid().float().cpu()
        mask = transforms.ToPILImage()(preds[0].squeeze()).resize(image.size)
        result = image.copy()
        result.putalpha(mask)
        return result


EDITORS = {}


def edit_image(editor_name, src_path, dst_path):
    if editor_name not in EDITORS:
        EDITORS[editor_name] = RMBG2Editor("models/rmbg2/model.pth")
    out = EDITORS[editor_name].apply(Image.open(src_path))
    out.save(dst_path)
    return dst_path
