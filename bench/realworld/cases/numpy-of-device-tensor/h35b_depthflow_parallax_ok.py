# source: https://github.com/akatz-ai/ComfyUI-Depthflow-Nodes/pull/5
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F


def normalize_depth(depth):
    d_min = depth.amin(dim=(-2, -1), keepdim=True)
    d_max = depth.amax(dim=(-2, -1), keepdim=True)
    return (depth - d_min) / (d_max - d_min + 1e-6)


def tensor_to_uint8(image):
    """(H, W, C) float tensor in [0, 1] on any device -> uint8 numpy array."""
    return (image.clamp(0, 1).cpu().numpy() * 255.0).round().astype(np.uint8)


def shift_pixels(frame_np, depth_np, offset_px):
    h, w = depth_np.shape
    xs = np.clip(np.arange(w)[None, :] + (depth_np * offset_px).astype(np.int64), 0, w - 1)
    return frame_np[np.arange(h)[:, None], xs]


class DepthflowParallax:
    """Animate a still frame by shifting pixels proportionally to an estimated depth map."""

    def __init__(self, depth_model, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.depth_model = depth_model.to(self.device).eval()

    @torch.no_grad()
    def estimate(self, image):
        x = image.permute(0, 3, 1, 2).to(self.device)
        depth = self.depth_model(x)
        depth = F.interpolate(depth, size=x.shape[-2:], mode="bilinear", align_corners=False)
        return normalize_depth(depth[:, 0])

    def render(self, images, depth=None, frames=24, amplitude=12.0):
        if depth is None:
            depth = self.estimate(images)
        out = []
        for b in range(images.shape[0]):
            frame_np = tensor_to_uint8(images[b])
            depth_np = depth[b].detach().cpu().numpy()
            for t in range(frames):
                offset = amplitude * np.sin(2 * np.pi * t / frames)
                out.append(shift_pixels(frame_np, depth_np, offset))
        video = torch.from_numpy(np.stack(out)).float() / 255.0
        return video
