# source: https://github.com/chflame163/ComfyUI_LayerStyle_Advance/issues/149 https://github.com/Azornes/Comfyui-LayerForge/issues/27
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Loader node: builds the dichotomous-segmentation (BiRefNet-like) model for matting."""
import torch
import torch.nn as nn


class BiRefNetLite(nn.Module):
    def __init__(self, ch=48):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, ch, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv2d(ch, ch * 2, 3, stride=2, padding=1), nn.GELU())
        self.decoder = nn.Conv2d(ch * 2, 1, 3, padding=1)

    def forward(self, x):
        feats = self.backbone(x)
        logits = nn.functional.interpolate(self.decoder(feats), size=x.shape[-2:], mode="bilinear")
        return [feats, logits]


class LoadBiRefNetModelV2:
    RETURN_TYPES = ("BIREFNET_MODEL",)
    FUNCTION = "load"

    def load(self, weights_path, device="cuda", precision="fp16"):
        device = torch.device(device if torch.cuda.is_available() else "cpu")
        model = BiRefNetLite()
        model.load_state_dict(torch.load(weights_path, map_location="cpu"))
        model = model.to(device).eval()
        if precision == "fp16" and device.type == "cuda":
            model = model.half()
        return ({"model": model, "device": device, "precision": precision},)
