# source: https://github.com/etched-ai/open-oasis/pull/5
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class LatentDecoder(nn.Module):
    def __init__(self, latent_ch=16):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(latent_ch, 64, 4, stride=2, padding=1), nn.SiLU(),
            nn.ConvTranspose2d(64, 3, 4, stride=2, padding=1),
        )

    def forward(self, z):
        return torch.sigmoid(self.net(z))


@torch.no_grad()
def rollout(decoder, first_latent, n_frames, device):
    z = first_latent.to(device)
    frames = []
    for _ in range(n_frames):
        z = 0.97 * z + 0.03 * torch.randn_like(z)
        frames.append(decoder(z))
    return torch.cat(frames, dim=0)


def to_uint8_video(video):
    video = video.clamp(0, 1).mul(255).round()
    video = video.permute(0, 2, 3, 1).to(torch.uint8)
    return video.detach().cpu().numpy()


def save_npz(path, video_array, fps):
    np.savez_compressed(path, frames=video_array, fps=np.array(fps))
    print(f"saved {video_array.shape[0]} frames ({video_array.shape[1]}x{video_array.shape[2]}) to {path}")


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    decoder = LatentDecoder().to(device).eval()
    video = rollout(decoder, torch.randn(1, 16, 45, 80), n_frames=32, device=device)
    video_array = to_uint8_video(video)
    assert video_array.dtype == np.uint8
    save_npz("rollout.npz", video_array, fps=20)
