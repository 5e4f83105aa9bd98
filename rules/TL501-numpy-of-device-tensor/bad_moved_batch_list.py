import numpy as np
import torch


def plot_rows(observed, truth, start, end):
    # Slices of tensors the loop put on the GPU, handed to numpy as they are.
    rows = np.concatenate((observed[:, start:end], truth[:, start:end]), axis=0)  # expect: TL501:12 lines=13
    return rows.shape


def evaluate(loader, generator):
    for batch in loader:
        batch = [tensor.cuda() for tensor in batch]
        observed, truth, spans = batch
        with torch.no_grad():
            generator(observed)
        for start, end in spans.tolist():
            plot_rows(observed, truth, start, end)
