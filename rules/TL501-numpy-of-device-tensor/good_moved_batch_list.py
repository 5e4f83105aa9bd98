import numpy as np
import torch


def plot_rows(observed, truth, start, end):
    rows = np.concatenate((observed[:, start:end], truth[:, start:end]), axis=0)
    return rows.shape


def evaluate(loader, generator):
    for batch in loader:
        batch = [tensor.cuda() for tensor in batch]
        observed, truth, spans = batch
        with torch.no_grad():
            generator(observed)
        for start, end in spans.tolist():
            plot_rows(observed.cpu(), truth.cpu(), start, end)
