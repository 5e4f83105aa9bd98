# source: https://github.com/kwuking/TimeMixer/issues/106
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 41, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-scale mixing forecaster (TimeMixer style): the input is downsampled
into several scales, each scale is projected and the forecasts are summed."""
import torch
import torch.nn as nn


class SeriesDecomp(nn.Module):
    def __init__(self, kernel_size=25):
        super().__init__()
        self.avg = nn.AvgPool1d(kernel_size, stride=1, padding=kernel_size // 2, count_include_pad=False)

    def forward(self, x):
        trend = self.avg(x.permute(0, 2, 1)).permute(0, 2, 1)
        return x - trend, trend


class Model(nn.Module):
    def __init__(self, configs):
        super().__init__()
        self.configs = configs
        self.decomp = SeriesDecomp(configs.moving_avg)
        n_scales = configs.down_sampling_layers + 1
        self.predictors = nn.ModuleList(
            nn.Linear(configs.seq_len // configs.down_sampling_window ** i, configs.pred_len)
            for i in range(n_scales))

    def _multi_scale_inputs(self, x_enc):
        cfg = self.configs
        if cfg.down_sampling_method == "max":
            down_pool = nn.MaxPool1d(cfg.down_sampling_window)
        elif cfg.down_sampling_method == "avg":
            down_pool = nn.AvgPool1d(cfg.down_sampling_window)
        elif cfg.down_sampling_method == "conv":
            down_pool = nn.Conv1d(cfg.enc_in, cfg.enc_in, 3, stride=cfg.down_sampling_window, padding=1, padding_mode="circular", bias=False)
        else:
            return [x_enc]
        x = x_enc.permute(0, 2, 1)
        scales = [x_enc]
        for _ in range(cfg.down_sampling_layers):
            x = down_pool(x)
            scales.append(x.permute(0, 2, 1))
        return scales

    def forecast(self, x_enc):
        means = x_enc.mean(1, keepdim=True).detach()
        x_enc = x_enc - means
        out = 0
        for predictor, x in zip(self.predictors, self._multi_scale_inputs(x_enc)):
            season, trend = self.decomp(x)
            out = out + predictor((season + trend).permute(0, 2, 1)).permute(0, 2, 1)
        return out + means

    def forward(self, x_enc, x_mark_enc=None, x_dec=None, x_mark_dec=None):
        return self.forecast(x_enc)
