# source: https://github.com/braindecode/braindecode/pull/381
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Trial-wise prediction helpers for windowed EEG datasets."""
import numpy as np
import torch
from torch.utils.data import DataLoader


def predict_trials(module, dataset, return_targets=True, batch_size=64):
    """Average window predictions into one prediction per trial."""
    module.eval()
    device = next(module.parameters()).device
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False)
    all_preds, all_ys, all_inds = [], [], []
    with torch.no_grad():
        for X, y, ind in loader:
            X = X.to(device)
            preds = module(X)
            all_preds.append(preds.cpu().numpy())
            all_ys.append(y.numpy())
            all_inds.append(ind[0].numpy())
    preds = np.concatenate(all_preds)
    trial_ids = np.concatenate(all_inds)
    per_trial = np.stack([preds[trial_ids == t].mean(axis=0) for t in np.unique(trial_ids)])
    if not return_targets:
        return per_trial
    ys = np.concatenate(all_ys)
    targets = np.array([ys[trial_ids == t][0] for t in np.unique(trial_ids)])
    return per_trial, targets


def trial_accuracy(module, dataset):
    preds, targets = predict_trials(module, dataset)
    return float((preds.argmax(axis=1) == targets).mean())
