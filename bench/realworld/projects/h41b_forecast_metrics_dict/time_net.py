# source: https://github.com/ourownstory/neural_prophet/issues/1361 https://github.com/ourownstory/neural_prophet/pull/1365
# error: RuntimeError: Encountered different devices in metric calculation (see stacktrace for details). This could be due to the metric class not being on the same device as input.
# pattern: module-in-plain-container
# shape: multi-file, class, batch-dict
# bug-lines: 26, 41
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from metrics_utils import build_metrics, format_metrics


class TimeNet(nn.Module):
    """Autoregressive forecaster with a trend term, in the style of NeuralProphet."""

    def __init__(self, n_lags, n_forecasts, hidden=64, metrics=("MAE", "RMSE")):
        super().__init__()
        self.n_lags = n_lags
        self.trend = nn.Linear(1, n_forecasts)
        self.ar_net = nn.Sequential(nn.Linear(n_lags, hidden), nn.ReLU(),
                                    nn.Linear(hidden, n_forecasts))
        self.loss_func = nn.SmoothL1Loss()
        self.metrics_enabled = bool(metrics)
        if self.metrics_enabled:
            self.metrics_train = build_metrics(metrics)

    def forward(self, inputs):
        return self.trend(inputs["time"]) + self.ar_net(inputs["lags"])

    def training_step(self, batch):
        inputs, targets = batch["inputs"], batch["targets"]
        predicted = self(inputs)
        loss = self.loss_func(predicted, targets)
        if self.metrics_enabled:
            self._update_metrics(predicted.detach(), targets)
        return loss

    def _update_metrics(self, predicted, targets):
        for metric in self.metrics_train.values():
            metric.update(predicted, targets)

    def epoch_metrics(self):
        values = {name: m.compute() for name, m in self.metrics_train.items()}
        for m in self.metrics_train.values():
            m.reset()
        return format_metrics(values, "train")
