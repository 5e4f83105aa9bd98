# source: https://github.com/JIA-Lab-research/ControlNeXt/issues/79
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper, loader-loop
# bug-lines: 25, 34
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import AutoencoderKLTemporalDecoder, UNetSpatioTemporalConditionModel


class VideoControlPipeline:
    def __init__(self, unet, vae, device):
        self.unet = unet
        self.vae = vae
        self.device = device

    @classmethod
    def from_pretrained(cls, path, device="cuda"):
        unet = UNetSpatioTemporalConditionModel.from_pretrained(
            path, subfolder="unet", torch_dtype=torch.float16
        )
        vae = AutoencoderKLTemporalDecoder.from_pretrained(path, subfolder="vae")
        unet.to(device)
        vae.to(dtype=torch.float16)
        return cls(unet, vae, device)

    @torch.no_grad()
    def decode_latents(self, latents, num_frames, decode_chunk_size=8):
        latents = latents.flatten(0, 1) / self.vae.config.scaling_factor
        frames = []
        for i in range(0, latents.shape[0], decode_chunk_size):
            chunk = latents[i : i + decode_chunk_size]
            frame = self.vae.decode(chunk, num_frames=chunk.shape[0]).sample
            frames.append(frame.float().cpu())
        frames = torch.cat(frames, dim=0)
        return frames.reshape(-1, num_frames, *frames.shape[1:])


def tensor_to_uint8(frames):
    frames = (frames / 2 + 0.5).clamp(0, 1)
    return (frames.permute(0, 1, 3, 4, 2) * 255).round().to(torch.uint8)


def main():
    pipe = VideoControlPipeline.from_pretrained("stabilityai/stable-video-diffusion-img2vid-xt")
    num_frames = 14
    samples = torch.randn(1, num_frames, 4, 72, 128, device=pipe.device, dtype=torch.float16)
    frames = pipe.decode_latents(samples, num_frames, decode_chunk_size=4)
    video = tensor_to_uint8(frames)
    print(video.shape)


if __name__ == "__main__":
    main()
