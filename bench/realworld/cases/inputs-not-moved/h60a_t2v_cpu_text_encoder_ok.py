# source: https://github.com/kohya-ss/musubi-tuner/issues/754
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: helper
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Text-to-video sampling with the text encoder optionally kept on the CPU to save VRAM."""
import argparse

import torch
import torch.nn as nn
from transformers import CLIPTextModel, CLIPTokenizer


class TinyVideoDiT(nn.Module):
    def __init__(self, in_ch=16, dim=512, ctx_dim=768, depth=4):
        super().__init__()
        self.patch = nn.Conv3d(in_ch, dim, (1, 2, 2), stride=(1, 2, 2))
        self.t_embed = nn.Sequential(nn.Linear(1, dim), nn.SiLU(), nn.Linear(dim, dim))
        self.ctx_proj = nn.Linear(ctx_dim, dim)
        self.blocks = nn.ModuleList([nn.TransformerDecoderLayer(dim, 8, batch_first=True) for _ in range(depth)])
        self.out = nn.Linear(dim, in_ch * 4)

    def forward(self, x, t, context):
        b, c, f, h, w = x.shape
        tokens = self.patch(x).flatten(2).transpose(1, 2)
        tokens = tokens + self.t_embed(t.view(-1, 1).to(x.dtype))[:, None]
        ctx = self.ctx_proj(context)
        for blk in self.blocks:
            tokens = blk(tokens, ctx)
        out = self.out(tokens).view(b, f, h // 2, w // 2, c, 2, 2)
        return out.permute(0, 4, 1, 2, 5, 3, 6).reshape(b, c, f, h, w)


@torch.no_grad()
def encode_prompts(tokenizer, text_encoder, prompts):
    ids = tokenizer(prompts, padding="max_length", max_length=77, truncation=True, return_tensors="pt").input_ids
    return text_encoder(ids.to(text_encoder.device)).last_hidden_state


@torch.no_grad()
def sample_flow(dit, context, neg_context, shape, steps, guidance, device, dtype):
    x = torch.randn(shape, device=device, dtype=dtype)
    ts = torch.linspace(1.0, 0.0, steps + 1, device=device)
    for i in range(steps):
        t = ts[i].expand(shape[0])
        v_cond, v_uncond = dit(x, t, context), dit(x, t, neg_context)
        x = x + (ts[i + 1] - ts[i]) * (v_uncond + guidance * (v_cond - v_uncond))
    return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dit", default="ckpts/tiny_video_dit.pth")
    parser.add_argument("--text_encoder", default="openai/clip-vit-large-patch14")
    parser.add_argument("--text_encoder_cpu", action="store_true")
    parser.add_argument("--prompt", default="a paper boat drifting down a rainy street")
    parser.add_argument("--negative_prompt", default="")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    te_device = torch.device("cpu") if args.text_encoder_cpu else device

    tokenizer = CLIPTokenizer.from_pretrained(args.text_encoder)
    text_encoder = CLIPTextModel.from_pretrained(args.text_encoder).to(te_device).eval()
    dit = TinyVideoDiT()
    dit.load_state_dict(torch.load(args.dit, map_location="cpu"))
    dit.to(device, dtype).eval()
    # the encoder may live on the CPU: bring its outputs to the DiT's device and dtype
    context = encode_prompts(tokenizer, text_encoder, [args.prompt]).to(device, dtype=dtype)
    neg_context = encode_prompts(tokenizer, text_encoder, [args.negative_prompt]).to(device, dtype=dtype)

    latents = sample_flow(dit, context, neg_context, (1, 16, 16, 32, 32), 30, 6.0, device, dtype)
    torch.save(latents.float().cpu(), "t2v_latents.pt")


if __name__ == "__main__":
    main()
