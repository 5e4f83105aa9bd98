# source: https://github.com/SeldonIO/alibi-detect/issues/439
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-not-placed
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generic training helper shared by the drift-detection experiments."""
from typing import Callable, Optional

import torch
import torch.nn as nn


def trainer(model: nn.Module, loss_fn: Callable, dataloader, device: torch.device,
            optimizer=torch.optim.Adam, learning_rate: float = 1e-3,
            preprocess_fn: Optional[Callable] = None, epochs: int = 20,
            verbose: int = 1) -> None:
    optimizer = optimizer(model.parameters(), lr=learning_rate)
    model.train()
    for epoch in range(epochs):
        running = 0.0
        for x, y in dataloader:
            if preprocess_fn is not None:
                x = preprocess_fn(x)
            x, y = x.to(device), y.to(device)
            y_hat = model(x)
            loss = loss_fn(y_hat, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        if verbose:
            print(f"epoch {epoch + 1}/{epochs} loss {running / len(dataloader):.4f}")
