# source: https://github.com/timothybrooks/instruct-pix2pix/issues/23 https://github.com/Klace/stable-diffusion-webui-instruct-pix2pix/issues/30
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: class, helper, batch-dict
# bug-lines: 66, 67
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run

import sys

import numpy as np
import torch
from PIL import Image
from torch import nn


class TextEncoder(nn.Module):
    def __init__(self, vocab=49408, dim=768):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.layer = nn.TransformerEncoderLayer(dim, 12, dim * 4, batch_first=True)

    def encode(self, prompts):
        rows = [[hash(w) % self.tok.num_embeddings for w in p.split()][:77] for p in prompts]
        ids = torch.tensor([r + [0] * (77 - len(r)) for r in rows], device=self.tok.weight.device)
        return self.layer(self.tok(ids))


class EditUNet(nn.Module):
    def __init__(self, ch=8, dim=320, ctx_dim=768):
        super().__init__()
        self.conv_in = nn.Conv2d(ch, dim, 3, padding=1)
        self.attn = nn.MultiheadAttention(dim, 8, kdim=ctx_dim, vdim=ctx_dim, batch_first=True)
        self.conv_out = nn.Conv2d(dim, ch // 2, 3, padding=1)

    def forward(self, x, context):
        h = self.conv_in(x)
        seq = h.flatten(2).transpose(1, 2)
        seq = seq + self.attn(seq, context, context, need_weights=False)[0]
        return self.conv_out(seq.transpose(1, 2).reshape(h.shape))


class LatentEditModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = EditUNet()
        self.cond_stage_model = TextEncoder()
        self.first_stage_model = nn.ModuleDict({"enc": nn.Conv2d(3, 4, 8, 8), "dec": nn.ConvTranspose2d(4, 3, 8, 8)})

    def get_learned_conditioning(self, prompts):
        return self.cond_stage_model.encode(prompts)

    def apply_model(self, z, cond):
        return self.model(torch.cat([z, cond["c_concat"]], dim=1), cond["c_crossattn"])


def load_model_from_config(ckpt, device):
    model = LatentEditModel()
    model.load_state_dict(torch.load(ckpt, map_location="cpu")["state_dict"], strict=False)
    return model.eval().to(device)


if __name__ == "__main__":
    input_path, edit = sys.argv[1], sys.argv[2]
    model = load_model_from_config("checkpoints/instruct-pix2pix-00-22000.ckpt", "cuda")
    model.model.half()  # low-VRAM: UNet and VAE in fp16
    model.first_stage_model.half()
    null_token = model.get_learned_conditioning([""])
    img = torch.from_numpy(np.array(Image.open(input_path).convert("RGB").resize((512, 512)))).float() / 127.5 - 1
    with torch.no_grad():
        img = img.permute(2, 0, 1)[None].to("cuda", torch.float16)
        cond = {"c_crossattn": model.get_learned_conditioning([edit]),
                "c_concat": model.first_stage_model["enc"](img)}
        uncond = {"c_crossattn": null_token, "c_concat": torch.zeros_like(cond["c_concat"])}
        z = torch.randn_like(cond["c_concat"])
        for _ in range(20):
            eps = model.apply_model(z, uncond) + 7.5 * (model.apply_model(z, cond) - model.apply_model(z, uncond))
            z = z - eps / 20
        out = model.first_stage_model["dec"](z).float().clamp(-1, 1)
    Image.fromarray(((out[0].permute(1, 2, 0) + 1) * 127.5).byte().cpu().numpy()).save("edited.png")
