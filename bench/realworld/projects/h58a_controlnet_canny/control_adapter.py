# source: https://github.com/modl-org/modl/issues/122
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, helper, class
# bug-lines: 19
# needs: torch, numpy, diffusers, pillow
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
from diffusers import ControlNetModel
from PIL import Image, ImageFilter

_CONTROLNETS = {}


def get_controlnet(repo_id, dtype):
    if repo_id not in _CONTROLNETS:
        cn = ControlNetModel.from_pretrained(repo_id, torch_dtype=dtype)
        cn.requires_grad_(False)
        _CONTROLNETS[repo_id] = cn.eval()
    return _CONTROLNETS[repo_id]


def edge_map(image: Image.Image, size):
    gray = image.convert("L").resize(size).filter(ImageFilter.FIND_EDGES)
    arr = np.asarray(gray, dtype=np.float32) / 255.0
    arr = np.repeat(arr[None], 3, axis=0)
    return torch.from_numpy(arr)[None]


class PendingControl:
    """Holds the ControlNet and its hint until the denoising loop asks for residuals."""

    def __init__(self, controlnet, hint, scale=1.0):
        self.controlnet = controlnet
        self.hint = hint
        self.scale = scale

    def residuals(self, latents, t, text_embeds):
        down, mid = self.controlnet(
            latents,
            t,
            encoder_hidden_states=text_embeds,
            controlnet_cond=self.hint,
            conditioning_scale=self.scale,
            return_dict=False,
        )
        return down, mid
