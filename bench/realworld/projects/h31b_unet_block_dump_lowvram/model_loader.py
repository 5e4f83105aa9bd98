# source: https://github.com/hnmr293/stable-diffusion-webui-dumpunet/issues/4
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, helper
# bug-lines: 28
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
"""Loads the SD UNet in fp16; in low-VRAM mode it stays in RAM and is paged in on demand."""
import torch
from diffusers import UNet2DConditionModel

DEVICE = torch.device("cuda")


def _page_in(module, args, kwargs):
    module.to(DEVICE)
    return args, kwargs


def _page_out(module, args, output):
    module.to("cpu")
    return output


def load_unet(repo, lowvram=False):
    unet = UNet2DConditionModel.from_pretrained(repo, subfolder="unet")
    unet.eval().requires_grad_(False)
    unet = unet.half()
    if lowvram:
        # like --medvram: keep weights in system RAM, move the whole UNet around its forward call
        unet.register_forward_pre_hook(_page_in, with_kwargs=True)
        unet.register_forward_hook(_page_out)
    else:
        unet.to(DEVICE)
    return unet
