# source: https://github.com/huggingface/accelerate/issues/3829
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: loader-loop
# looks-like: inputs-not-moved
# cpu: no needs accelerate
# needs: torch, accelerate
import torch
import torch.nn as nn
from accelerate import Accelerator
from torch.utils.data import DataLoader, TensorDataset


def build(accelerator):
    model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 3))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    dataset = TensorDataset(torch.randn(128, 16), torch.randint(0, 3, (128,)))
    training_dataloader = DataLoader(dataset, batch_size=16, shuffle=True)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=4)
    # prepare() places the model and wraps the loader so that every batch
    # comes out on accelerator.device
    return accelerator.prepare(model, optimizer, training_dataloader, scheduler)


def train(accelerator, model, optimizer, training_dataloader, scheduler):
    loss_function = nn.CrossEntropyLoss()
    model.train()
    for batch in training_dataloader:
        optimizer.zero_grad()
        inputs, targets = batch
        outputs = model(inputs)
        loss = loss_function(outputs, targets)
        accelerator.backward(loss)
        optimizer.step()
        scheduler.step()
    return loss.item()


if __name__ == "__main__":
    accelerator = Accelerator()
    print(train(accelerator, *build(accelerator)))
