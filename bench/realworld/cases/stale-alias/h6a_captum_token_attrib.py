# source: https://github.com/ludwig-ai/ludwig/pull/3012
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: stale-alias
# shape: helper, loader-loop
# bug-lines: 23, 48
# needs: torch, numpy, captum
# cpu: no written where torch was not installed; not run
from collections import defaultdict

import numpy as np
import torch
from captum.attr import LayerIntegratedGradients

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def reduce_attributions(attribution):
    """Collapse per-embedding attributions to one score per token, normalised per sequence."""
    reduced_all = []
    for attr in attribution:
        reduced = attr.detach().cpu()
        if attr.ndim > 2:
            reduced = attr.sum(dim=-1)
        if reduced.ndim == 2:
            reduced = reduced / torch.norm(reduced)
        reduced_all.append(reduced)
    return reduced_all


def explain(model, layers, feature_names, feature_inputs, baselines, target_idx, batch_size=32):
    """Integrated-gradients attribution of each input feature towards class `target_idx`."""
    model.to(DEVICE).eval()
    explainer = LayerIntegratedGradients(model, layers)
    baselines = tuple(b.to(DEVICE) for b in baselines)
    splits = [inp.split(batch_size) for inp in feature_inputs]

    per_token = defaultdict(list)
    total = []
    for input_batch in zip(*splits):
        input_batch = tuple(inp.to(DEVICE) for inp in input_batch)
        attribution = explainer.attribute(input_batch, baselines=baselines,
                                          target=target_idx, internal_batch_size=batch_size)
        reduced = reduce_attributions(attribution)
        for name, attrs in zip(feature_names, reduced):
            if attrs.ndim == 2:
                per_token[name].append(attrs)
        per_feature = [a.sum(dim=-1) if a.ndim == 2 else a for a in reduced]
        total.append(np.stack(per_feature).T)
    return np.concatenate(total, axis=0), per_token
