# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/1448
# error: RuntimeError: Input type (CUDABFloat16Type) and weight type (CPUBFloat16Type) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


def prepare_pose_frames(pose_images, height, width):
    """pose_images: (T, H, W, 3) float in [0, 1] (ComfyUI IMAGE) -> (1, 3, T, h, w) in [-1, 1]."""
    frames = pose_images.permute(0, 3, 1, 2)
    frames = F.interpolate(frames, size=(height, width), mode="bilinear", align_corners=False)
    frames = frames * 2.0 - 1.0
    return frames.permute(1, 0, 2, 3).unsqueeze(0)


@torch.no_grad()
def encode_pose_latents(vae, pose_images, device, dtype, height=480, width=832, window=81):
    """Encode the pose video window by window so long clips fit in memory."""
    frames = prepare_pose_frames(pose_images, height, width)
    latents = []
    for start in range(0, frames.shape[2], window):
        chunk = frames[:, :, start:start + window].to(device=device, dtype=dtype)
        latent = vae.encode(chunk).latent_dist.mode()
        latents.append(latent.to(dtype))
    return torch.cat(latents, dim=2)
