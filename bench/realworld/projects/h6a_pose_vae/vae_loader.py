# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/1448
# error: RuntimeError: Input type (CUDABFloat16Type) and weight type (CPUBFloat16Type) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper
# bug-lines: 23
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import AutoencoderKLWan

DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}


def load_wan_vae(model_dir, precision="bf16", enable_tiling=True):
    """Load the Wan 2.1 video VAE in the requested precision.

    The VAE is kept off the GPU between uses so the transformer has room.
    """
    dtype = DTYPES[precision]
    vae = AutoencoderKLWan.from_pretrained(model_dir, subfolder="vae")
    vae.requires_grad_(False)
    vae.eval()
    vae = vae.to(dtype)
    if enable_tiling:
        vae.enable_tiling()
    return vae, dtype
