# source: https://github.com/ExponentialML/Text-To-Video-Finetuning/pull/88
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 27, 34
# needs: torch, numpy, diffusers, imageio
# cpu: no written where torch was not installed; not run
"""Video-to-video with a text-to-video UNet: noise an encoded init video and denoise it."""
import argparse

import numpy as np
import torch
from diffusers import DPMSolverMultistepScheduler, TextToVideoSDPipeline

from h60a_video_utils import encode_init_video, read_video_frames


@torch.no_grad()
def vid2vid(pipe, prompt, init_video, strength=0.6, steps=30, guidance=9.0):
    device = pipe.device
    prompt_embeds, negative_embeds = pipe.encode_prompt(prompt, device, 1, True)
    text_emb = torch.cat([negative_embeds, prompt_embeds])

    pipe.scheduler.set_timesteps(steps, device=device)
    timesteps = pipe.scheduler.timesteps[int(steps * (1 - strength)) :]

    init_latents = encode_init_video(pipe.vae, init_video)
    noise = torch.randn_like(init_latents)
    latents = pipe.scheduler.add_noise(init_latents, noise, timesteps[:1])

    for t in pipe.progress_bar(timesteps):
        latent_in = torch.cat([latents] * 2)
        latent_in = pipe.scheduler.scale_model_input(latent_in, t)
        noise_pred = pipe.unet(latent_in, t, encoder_hidden_states=text_emb).sample
        uncond, cond = noise_pred.chunk(2)
        noise_pred = uncond + guidance * (cond - uncond)
        latents = pipe.scheduler.step(noise_pred, t, latents).prev_sample
    return pipe.decode_latents(latents)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="cerspense/zeroscope_v2_576w")
    parser.add_argument("--init_video", required=True)
    parser.add_argument("--prompt", default="a red fox running through fresh snow, cinematic")
    parser.add_argument("--num_frames", type=int, default=24)
    parser.add_argument("--strength", type=float, default=0.6)
    args = parser.parse_args()

    pipe = TextToVideoSDPipeline.from_pretrained(args.model, torch_dtype=torch.float16)
    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
    pipe = pipe.to("cuda")

    init_video = read_video_frames(args.init_video, args.num_frames, 320, 576)
    video = vid2vid(pipe, args.prompt, init_video, strength=args.strength)

    frames = video[0].permute(1, 2, 3, 0).float().cpu().numpy()
    frames = ((frames + 1.0) * 127.5).clip(0, 255).astype(np.uint8)
    import imageio.v3 as iio

    iio.imwrite("vid2vid.mp4", frames, fps=8)


if __name__ == "__main__":
    main()
