# source: https://github.com/robintibor/auto-eeg-diagnosis-example/pull/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: helper, loader-loop
# bug-lines: 58
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Recompute per-recording predictions of a cropped EEG pathology decoder (TUH abnormal)."""
import argparse

import numpy as np
import torch
import torch.nn as nn


def np_to_var(x, dtype=np.float32):
    return torch.from_numpy(np.ascontiguousarray(x, dtype=dtype))


def var_to_np(v):
    return v.detach().cpu().numpy()


class CropsFromTrialsIterator:
    def __init__(self, batch_size, input_time_length, n_preds_per_input):
        self.batch_size = batch_size
        self.input_time_length = input_time_length
        self.n_preds_per_input = n_preds_per_input

    def get_batches(self, X, y):
        crops, labels = [], []
        for trial, label in zip(X, y):
            for start in range(0, trial.shape[1] - self.input_time_length + 1, self.n_preds_per_input):
                crops.append(trial[:, start:start + self.input_time_length, None])
                labels.append(label)
                if len(crops) == self.batch_size:
                    yield np.stack(crops), np.array(labels)
                    crops, labels = [], []
        if crops:
            yield np.stack(crops), np.array(labels)


def build_shallow_net(n_chans, n_classes, cuda):
    model = nn.Sequential(
        nn.Conv2d(n_chans, 40, (25, 1)), nn.BatchNorm2d(40), nn.ELU(),
        nn.AvgPool2d((75, 1), stride=(1, 1)), nn.Dropout(0.5),
        nn.Conv2d(40, n_classes, (35, 1)), nn.LogSoftmax(dim=1))
    if cuda:
        model.cuda()
    return model


def compute_preds_per_batch(model, iterator, X, y):
    model.eval()
    preds_per_batch = []
    with torch.no_grad():
        for batch_X, _ in iterator.get_batches(X, y):
            preds_per_batch.append(var_to_np(model(np_to_var(batch_X).cuda())))
    return preds_per_batch


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-cuda", action="store_true")
    parser.add_argument("--model_file", default="shallow_abnormal.pt")
    args = parser.parse_args()
    cuda = torch.cuda.is_available() and not args.no_cuda

    X = np.load("tuh_abnormal_eval_X.npy")  # (n_recordings, 21, n_samples)
    y = np.load("tuh_abnormal_eval_y.npy")
    model = build_shallow_net(n_chans=21, n_classes=2, cuda=cuda)
    model.load_state_dict(torch.load(args.model_file, map_location="cuda" if cuda else "cpu"))
    iterator = CropsFromTrialsIterator(batch_size=64, input_time_length=600, n_preds_per_input=400)
    preds = compute_preds_per_batch(model, iterator, X, y)
    mean_preds = np.concatenate([p.mean(axis=2).squeeze(-1) for p in preds])
    print("predicted abnormal fraction:", np.exp(mean_preds)[:, 1].mean())
