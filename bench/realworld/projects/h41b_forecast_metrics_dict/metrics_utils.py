# source: https://github.com/ourownstory/neural_prophet/issues/1361 https://github.com/ourownstory/neural_prophet/pull/1365
# error: RuntimeError: Encountered different devices in metric calculation (see stacktrace for details). This could be due to the metric class not being on the same device as input.
# pattern: module-in-plain-container
# shape: multi-file, helper
# needs: torch, torchmetrics
# cpu: no written where torch was not installed; not run
import torchmetrics

METRICS = {
    "MAE": lambda: torchmetrics.MeanAbsoluteError(),
    "MSE": lambda: torchmetrics.MeanSquaredError(squared=True),
    "RMSE": lambda: torchmetrics.MeanSquaredError(squared=False),
}


def build_metrics(names):
    """Instantiate the requested metrics, keyed by their display name."""
    unknown = [n for n in names if n not in METRICS]
    if unknown:
        raise ValueError(f"unknown metrics: {unknown}")
    return {name: METRICS[name]() for name in names}


def format_metrics(values, prefix):
    return {f"{prefix}_{name}": float(v) for name, v in values.items()}
