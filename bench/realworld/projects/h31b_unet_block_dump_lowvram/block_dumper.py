# source: https://github.com/hnmr293/stable-diffusion-webui-dumpunet/issues/4
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: multi-file, class
# bug-lines: 20, 21, 26
# needs: torch
# cpu: no written where torch was not installed; not run
"""Runs the UNet down path block by block and keeps each block's output feature map."""
import torch


class BlockDumper:
    def __init__(self, unet, layers=("IN00", "IN01", "IN02", "IN03")):
        self.unet = unet
        self.layers = layers

    @torch.no_grad()
    def dump(self, latents, timestep, context):
        unet = self.unet
        h = unet.conv_in(latents)
        t_emb = unet.time_embedding(unet.time_proj(timestep).to(latents.dtype))
        features = {"IN00": h}
        for index, block in enumerate(unet.down_blocks, start=1):
            name = "IN%02d" % index
            kwargs = {"encoder_hidden_states": context} if getattr(block, "has_cross_attention", False) else {}
            h, _ = block(h, t_emb, **kwargs)
            if name in self.layers:
                features[name] = h
        return {k: v.float().cpu() for k, v in features.items() if k in self.layers}
