# source: https://github.com/d8ahazard/sd_dreambooth_extension/pull/70
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: multi-file, loader-loop, batch-dict
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TextEncoder(nn.Module):
    def __init__(self, vocab=100, dim=32):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, dim)
        self.final_layer_norm = nn.LayerNorm(dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, input_ids):
        h = self.token_embedding(input_ids)
        return (self.final_layer_norm(h + self.mlp(h)),)


class VAEEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(3, 8, 3, stride=4, padding=1)

    def encode(self, pixel_values):
        return self.conv_in(pixel_values)[:, :4] * 0.18215


class UNet(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.conv_in = nn.Conv2d(4, 8, 3, padding=1)
        self.to_k = nn.Linear(dim, 8)
        self.conv_out = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, sample, timesteps, encoder_hidden_states):
        h = self.conv_in(sample)
        ctx = self.to_k(encoder_hidden_states).mean(1)[:, :, None, None]
        return self.conv_out(h + ctx)
