# source: https://github.com/JDAI-CV/fast-reid/issues/469
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Single-image predictor, mirrors the engine's DefaultPredictor."""
import torch
import torch.nn.functional as F

from h65b_baseline import Baseline


class DefaultPredictor:
    def __init__(self, cfg):
        self.cfg = cfg
        self.model = Baseline(
            num_classes=cfg["num_classes"],
            pixel_mean=cfg["pixel_mean"],
            pixel_std=cfg["pixel_std"],
        )
        checkpoint = torch.load(cfg["weights"], map_location="cpu")
        incompatible = self.model.load_state_dict(checkpoint["model"], strict=False)
        if incompatible.missing_keys:
            print("missing keys:", incompatible.missing_keys)
        self.model.to(torch.device(cfg["device"]))
        self.model.eval()

    @torch.no_grad()
    def __call__(self, image):
        inputs = {"images": image, "targets": None}
        feats = self.model(inputs)
        return F.normalize(feats, dim=1).cpu()
