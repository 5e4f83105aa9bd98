# source: https://github.com/JDAI-CV/fast-reid/issues/562
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Part-based re-id model that keeps its input normalization inside the network (for ONNX export)."""
import argparse

import torch
import torch.nn as nn
import torchvision


class PartBaseline(nn.Module):
    def __init__(self, num_classes, pixel_mean, pixel_std, num_parts=6):
        super().__init__()
        self.register_buffer("pixel_mean", torch.tensor(pixel_mean).view(1, -1, 1, 1), persistent=False)
        self.register_buffer("pixel_std", torch.tensor(pixel_std).view(1, -1, 1, 1), persistent=False)
        self.register_buffer("part_weights", torch.full((num_parts,), 1.0 / num_parts))
        self.num_parts = num_parts
        resnet = torchvision.models.resnet50(weights=None)
        self.backbone = nn.Sequential(*list(resnet.children())[:-2])
        self.part_pool = nn.AdaptiveAvgPool2d((num_parts, 1))
        self.classifiers = nn.ModuleList(nn.Linear(2048, num_classes) for _ in range(num_parts))

    def preprocess_image(self, batched_inputs):
        images = batched_inputs["images"] if isinstance(batched_inputs, dict) else batched_inputs
        images = images.to(self.pixel_mean.device)
        return (images - self.pixel_mean) / self.pixel_std

    def forward(self, batched_inputs):
        images = self.preprocess_image(batched_inputs)
        parts = self.part_pool(self.backbone(images)).squeeze(-1)  # (B, 2048, P)
        if self.training:
            return [cls(parts[:, :, i]) for i, cls in enumerate(self.classifiers)]
        weights = self.part_weights.view(1, 1, -1)
        return (parts * weights).sum(dim=2)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--weights", default="logs/market/pcb_R50/model_final.pth")
    args = parser.parse_args()

    model = PartBaseline(751, [123.675, 116.28, 103.53], [58.395, 57.12, 57.375])
    state = torch.load(args.weights, map_location="cpu")
    model.load_state_dict(state["model"], strict=False)
    model.to(torch.device(args.device)).eval()

    batch = {"images": torch.randint(0, 256, (4, 3, 384, 128)).float(), "targets": None}
    with torch.no_grad():
        feats = model(batch)
    print(feats.shape, feats.device)
