# source: https://github.com/IDEA-Research/DN-DETR/issues/58
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, batch-dict
# bug-lines: 63, 64
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run

import argparse
import json

import torch
import torch.nn as nn
import torchvision.transforms as T
from PIL import Image

from models import build_dn_deformable_detr  # project-local DN-DETR builder


def box_cxcywh_to_xyxy(x):
    cx, cy, w, h = x.unbind(-1)
    return torch.stack([cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h], dim=-1)


class PostProcess(nn.Module):
    def __init__(self, num_select=100):
        super().__init__()
        self.num_select = num_select

    @torch.no_grad()
    def forward(self, outputs, target_sizes):
        logits, pred_boxes = outputs["pred_logits"], outputs["pred_boxes"]
        prob = logits.sigmoid()
        topk_values, topk_indexes = torch.topk(prob.view(logits.shape[0], -1), self.num_select, dim=1)
        topk_boxes = topk_indexes // logits.shape[2]
        labels = topk_indexes % logits.shape[2]
        boxes = box_cxcywh_to_xyxy(pred_boxes)
        boxes = torch.gather(boxes, 1, topk_boxes.unsqueeze(-1).repeat(1, 1, 4))
        img_h, img_w = target_sizes.unbind(1)
        scale_fct = torch.stack([img_w, img_h, img_w, img_h], dim=1)
        boxes = boxes * scale_fct[:, None, :]
        return [{"scores": s, "labels": l, "boxes": b} for s, l, b in zip(topk_values, labels, boxes)]


TRANSFORM = T.Compose([
    T.Resize(800),
    T.ToTensor(),
    T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


def load_model(args, device):
    model, _, _ = build_dn_deformable_detr(args)
    ckpt = torch.load(args.checkpoint, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    return model.to(device).eval()


@torch.no_grad()
def predict_normalized(model, postprocess, image, device):
    outputs, _ = model(image[None].to(device), dn_args=0)
    # keep boxes in [0, 1] so the plotting code can rescale them later
    unit_size = torch.tensor([[1.0, 1.0]])
    result = postprocess(outputs, unit_size)[0]
    keep = result["scores"] > 0.3
    return {k: v[keep].cpu().tolist() for k, v in result.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="logs/dn_dab_deformable_detr/checkpoint.pth")
    parser.add_argument("--images", nargs="+", default=["figs/idea.jpg"])
    args = parser.parse_args()
    device = torch.device("cuda")
    model = load_model(args, device)
    postprocess = PostProcess(num_select=100)
    for path in args.images:
        image = TRANSFORM(Image.open(path).convert("RGB"))
        print(path, json.dumps(predict_normalized(model, postprocess, image, device))[:200])


if __name__ == "__main__":
    main()
