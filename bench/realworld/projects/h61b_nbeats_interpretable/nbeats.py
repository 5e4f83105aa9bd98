# source: https://github.com/unit8co/darts/pull/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Interpretable N-BEATS: a trend stack followed by a seasonality stack."""
import torch
import torch.nn as nn

from basis import SeasonalityGenerator, TrendGenerator


class Block(nn.Module):
    def __init__(self, input_len, output_len, layer_width, n_layers, basis_kind, trend_degree=3):
        super().__init__()
        layers, width = [], input_len
        for _ in range(n_layers):
            layers += [nn.Linear(width, layer_width), nn.ReLU()]
            width = layer_width
        self.fc = nn.Sequential(*layers)
        if basis_kind == "trend":
            self.backcast_g = TrendGenerator(trend_degree + 1, input_len)
            self.forecast_g = TrendGenerator(trend_degree + 1, output_len)
            n_back = n_fore = trend_degree + 1
        else:
            self.backcast_g = SeasonalityGenerator(input_len)
            self.forecast_g = SeasonalityGenerator(output_len)
            n_back, n_fore = self.backcast_g.n_coefs, self.forecast_g.n_coefs
        self.theta_b = nn.Linear(layer_width, n_back, bias=False)
        self.theta_f = nn.Linear(layer_width, n_fore, bias=False)

    def forward(self, x):
        h = self.fc(x)
        return self.backcast_g(self.theta_b(h)), self.forecast_g(self.theta_f(h))


class InterpretableNBeats(nn.Module):
    def __init__(self, input_len, output_len, blocks_per_stack=3, layer_width=256, n_layers=4):
        super().__init__()
        kinds = ["trend"] * blocks_per_stack + ["seasonality"] * blocks_per_stack
        self.blocks = nn.ModuleList(
            Block(input_len, output_len, layer_width, n_layers, kind) for kind in kinds
        )

    def forward(self, x):
        residual, forecast = x, 0.0
        for block in self.blocks:
            backcast, block_forecast = block(residual)
            residual = residual - backcast
            forecast = forecast + block_forecast
        return forecast
