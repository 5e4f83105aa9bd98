# source: https://github.com/huggingface/diffusers/pull/11533
# error: RuntimeError: Input type (c10::Half) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# cpu: raises "Input type (c10::BFloat16) and bias type (float)"
# needs: torch

import torch

from nets import TinyVideoTransformer, TinyVideoVAE
from pipeline import VideoPipeline

device = "cuda" if torch.cuda.is_available() else "cpu"

transformer = TinyVideoTransformer(in_channels=8).to(device, dtype=torch.bfloat16)
vae = TinyVideoVAE(latent_channels=8).to(device, dtype=torch.float32)

pipe = VideoPipeline(transformer=transformer, vae=vae, num_inference_steps=4)
video = pipe(batch_size=1, num_frames=3, height=8, width=8)
print(video.shape, video.dtype)
