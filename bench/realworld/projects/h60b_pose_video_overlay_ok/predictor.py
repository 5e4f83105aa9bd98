# source: https://github.com/openpifpaf/openpifpaf/issues/211
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class KeypointNet(nn.Module):
    def __init__(self, num_keypoints=17, stride=8):
        super().__init__()
        self.stride = stride
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 3, 2, 1), nn.ReLU(), nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(128, 128, 3, 2, 1), nn.ReLU())
        self.heatmap_head = nn.Conv2d(128, num_keypoints, 1)
        self.offset_head = nn.Conv2d(128, 2 * num_keypoints, 1)

    def forward(self, x):
        f = self.backbone(x)
        return self.heatmap_head(f).sigmoid(), self.offset_head(f)


class PosePredictor:
    def __init__(self, checkpoint, device="cuda"):
        self.device = torch.device(device)
        self.model = KeypointNet()
        self.model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
        self.model.to(self.device).eval()

    @torch.no_grad()
    def __call__(self, frame_rgb: np.ndarray):
        x = torch.from_numpy(frame_rgb).permute(2, 0, 1).float().div(255.0)[None]
        heatmaps, offsets = self.model(x.to(self.device, non_blocking=True))
        # decoding runs on the host, so hand back CPU tensors
        return {"heatmaps": heatmaps[0].cpu(), "offsets": offsets[0].cpu(), "stride": self.model.stride}
