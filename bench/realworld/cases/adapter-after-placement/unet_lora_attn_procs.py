# source: https://github.com/huggingface/diffusers/pull/5987
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: class, loader-loop
# bug-lines: 69, 70, 76
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
weight_dtype = torch.float16 if device.type == "cuda" else torch.float32


class LoRALinearLayer(nn.Module):
    def __init__(self, in_features, out_features, rank=4):
        super().__init__()
        self.down = nn.Linear(in_features, rank, bias=False)
        self.up = nn.Linear(rank, out_features, bias=False)

    def forward(self, x):
        return self.up(self.down(x.to(self.down.weight.dtype))).to(x.dtype)


class LoRAAttnProcessor(nn.Module):
    def __init__(self, hidden_size, rank=4):
        super().__init__()
        self.to_q_lora = LoRALinearLayer(hidden_size, hidden_size, rank)
        self.to_v_lora = LoRALinearLayer(hidden_size, hidden_size, rank)

    def __call__(self, attn, hidden_states, context):
        q = attn.to_q(hidden_states) + self.to_q_lora(hidden_states)
        v = attn.to_v(context) + self.to_v_lora(context)
        return attn.to_out(F.scaled_dot_product_attention(q, attn.to_k(context), v))


class CrossAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.to_q, self.to_k, self.to_v, self.to_out = (nn.Linear(dim, dim) for _ in range(4))
        self.processor = None

    def forward(self, x, context):
        if self.processor is not None:
            return self.processor(self, x, context)
        return self.to_out(F.scaled_dot_product_attention(self.to_q(x), self.to_k(context), self.to_v(context)))


class TinyUNet(nn.Module):
    def __init__(self, dim=32, depth=2):
        super().__init__()
        self.proj_in, self.proj_out = nn.Linear(4, dim), nn.Linear(dim, 4)
        self.blocks = nn.ModuleList([CrossAttention(dim) for _ in range(depth)])

    def set_attn_processor(self, processors):
        for name, block in self.blocks.named_children():
            block.processor = processors[name]

    def forward(self, latents, timesteps, encoder_hidden_states):
        h = self.proj_in(latents) + timesteps[:, None, None].to(latents.dtype) / 1000
        for block in self.blocks:
            h = h + block(h, encoder_hidden_states)
        return self.proj_out(h)


unet = TinyUNet().requires_grad_(False)
unet.to(device, dtype=weight_dtype)
lora_attn_procs = {name: LoRAAttnProcessor(hidden_size=32, rank=4) for name, _ in unet.blocks.named_children()}
unet.set_attn_processor(lora_attn_procs)
optimizer = torch.optim.AdamW(nn.ModuleList(lora_attn_procs.values()).parameters(), lr=1e-4)

for step in range(3):
    latents, text_emb = (torch.randn(2, n, c, device=device, dtype=weight_dtype) for n, c in ((16, 4), (8, 32)))
    noise, timesteps = torch.randn_like(latents), torch.randint(0, 1000, (2,), device=device)
    model_pred = unet(latents + noise, timesteps, text_emb)
    loss = F.mse_loss(model_pred.float(), noise.float())
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
