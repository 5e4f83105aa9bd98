# source: https://github.com/robustness-gym/robustness-gym/pull/39
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# bug-lines: 23, 25, 27
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run
from typing import Sequence, Union

import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score

ArrayLike = Union[Sequence, np.ndarray, torch.Tensor]


def compute_metric(metric: str, predictions: ArrayLike, labels: ArrayLike, num_classes: int):
    """Compute one named metric from predicted class ids and gold class ids.

    predictions / labels are whatever the evaluator collected (lists or tensors).
    """
    if metric == "accuracy":
        return accuracy_score(y_true=labels, y_pred=predictions)
    if metric == "f1_macro":
        return f1_score(y_true=labels, y_pred=predictions, average="macro")
    if metric == "pred_dist":
        counts = np.bincount(np.asarray(predictions, dtype=np.int64), minlength=num_classes)
        return counts / counts.sum()
    raise NotImplementedError(metric)
