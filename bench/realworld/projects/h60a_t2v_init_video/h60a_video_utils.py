# source: https://github.com/ExponentialML/Text-To-Video-Finetuning/pull/88
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch, numpy, imageio
# cpu: no written where torch was not installed; not run
"""Helpers for vid2vid: read an init video and encode it into VAE latents."""
import numpy as np
import torch
import torch.nn.functional as F


def read_video_frames(path, num_frames, height, width):
    import imageio.v3 as iio

    frames = iio.imread(path, index=None)[:num_frames]  # (T, H, W, 3) uint8
    video = torch.from_numpy(np.ascontiguousarray(frames)).permute(0, 3, 1, 2).float()
    video = F.interpolate(video, size=(height, width), mode="bilinear", align_corners=False)
    return video / 127.5 - 1.0


@torch.no_grad()
def encode_init_video(vae, video, chunk_size=8):
    """Encode (T, 3, H, W) frames chunk by chunk; the result is kept on the host to save VRAM."""
    latents = []
    for i in range(0, video.shape[0], chunk_size):
        chunk = video[i : i + chunk_size].to(vae.device, dtype=vae.dtype)
        latents.append(vae.encode(chunk).latent_dist.sample().cpu())
    latents = torch.cat(latents) * vae.config.scaling_factor
    # (T, C, h, w) -> (1, C, T, h, w), the layout the 3D UNet expects
    return latents.permute(1, 0, 2, 3).unsqueeze(0)
