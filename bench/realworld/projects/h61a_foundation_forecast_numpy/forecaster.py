# source: https://github.com/TimeCopilot/timecopilot/pull/236
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, batch-dict
# bug-lines: 42, 43
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Pandas-in / pandas-out wrapper around the patch model, like the other forecasters
in our toolkit (unique_id / ds / y long format)."""
import numpy as np
import pandas as pd
import torch

from patch_model import PatchQuantileModel


def left_pad_context(series_list, context_len):
    batch = np.zeros((len(series_list), context_len), dtype=np.float32)
    for i, y in enumerate(series_list):
        tail = np.asarray(y[-context_len:], dtype=np.float32)
        batch[i, context_len - len(tail):] = tail
        batch[i, :context_len - len(tail)] = tail[0]  # pad with first observed value
    return torch.from_numpy(batch)


class PatchForecaster:
    def __init__(self, checkpoint, context_len=512, device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.context_len = context_len
        self.model = PatchQuantileModel(context_len=context_len)
        self.model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
        self.model.to(self.device).eval()
        self.quantiles = self.model.quantiles

    @torch.no_grad()
    def _predict_batch(self, series_list, h, quantiles=None):
        context = left_pad_context(series_list, self.context_len)
        context = context.to(self.device)
        fcst = self.model(context, prediction_length=h)          # (batch, q, h)
        fcst = fcst.transpose(1, 2)                               # (batch, h, q)
        fcst_mean = fcst[..., self.quantiles.index(0.5)]
        fcst_mean_np = fcst_mean.detach().numpy()
        fcst_quantiles_np = fcst.detach().numpy() if quantiles is not None else None
        return fcst_mean_np, fcst_quantiles_np

    def forecast(self, df, h, freq="D", quantiles=None, batch_size=64):
        groups = list(df.sort_values("ds").groupby("unique_id"))
        frames = []
        for start in range(0, len(groups), batch_size):
            chunk = groups[start:start + batch_size]
            mean_np, q_np = self._predict_batch([g["y"].values for _, g in chunk], h, quantiles)
            for j, (uid, g) in enumerate(chunk):
                ds = pd.date_range(g["ds"].iloc[-1], periods=h + 1, freq=freq)[1:]
                out = {"unique_id": uid, "ds": ds, "PatchFM": mean_np[j]}
                if q_np is not None:
                    for k, q in enumerate(self.quantiles):
                        out[f"PatchFM-q-{int(q * 100)}"] = q_np[j, :, k]
                frames.append(pd.DataFrame(out))
        return pd.concat(frames, ignore_index=True)
