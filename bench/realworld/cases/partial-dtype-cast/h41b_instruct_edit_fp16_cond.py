# source: https://github.com/cientgu/InstructDiffusion/issues/22
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: class, batch-dict, loader-loop
# bug-lines: 48, 49, 65
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class TextEncoder(nn.Module):
    def __init__(self, vocab=49408, dim=768):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.layer = nn.TransformerEncoderLayer(dim, 8, batch_first=True)

    def forward(self, tokens):
        return self.layer(self.embed(tokens))


class EditUNet(nn.Module):
    def __init__(self, in_ch=8, ch=320, ctx_dim=768):
        super().__init__()
        self.conv_in = nn.Conv2d(in_ch, ch, 3, padding=1)
        self.to_k = nn.Linear(ctx_dim, ch)
        self.to_v = nn.Linear(ctx_dim, ch)
        self.conv_out = nn.Conv2d(ch, 4, 3, padding=1)

    def forward(self, x, t, context):
        h = self.conv_in(x) + t[:, None, None, None]
        b, c, hh, ww = h.shape
        q = h.flatten(2).transpose(1, 2)
        attn = F.scaled_dot_product_attention(q, self.to_k(context), self.to_v(context))
        return self.conv_out(attn.transpose(1, 2).reshape(b, c, hh, ww))


class InstructEditDiffusion(nn.Module):
    def __init__(self, fp16=True, scale_factor=0.18215):
        super().__init__()
        self.model = EditUNet()
        self.first_stage_model = nn.Conv2d(3, 4, 8, stride=8)
        self.cond_stage_model = TextEncoder()
        self.scale_factor = scale_factor
        if fp16:
            # halve the heavy image branches to fit the 512px batches in memory
            for m in (self.model, self.first_stage_model):
                m.half()

    def get_input(self, batch):
        dtype = next(self.first_stage_model.parameters()).dtype
        edited = batch["edited"].to(dtype)
        source = batch["source"].to(dtype)
        z = self.first_stage_model(edited) * self.scale_factor
        z_src = self.first_stage_model(source) * self.scale_factor
        c = self.cond_stage_model(batch["edit_tokens"])
        return z, z_src, c

    def forward(self, batch):
        z, z_src, c = self.get_input(batch)
        t = torch.rand(z.shape[0], device=z.device, dtype=z.dtype)
        noise = torch.randn_like(z)
        z_noisy = z + t[:, None, None, None] * noise
        eps = self.model(torch.cat([z_noisy, z_src], dim=1), t, c)
        return F.mse_loss(eps.float(), noise.float())


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
