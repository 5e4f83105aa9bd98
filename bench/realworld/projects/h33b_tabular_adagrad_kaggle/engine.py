# source: https://github.com/facebookresearch/madgrad/issues/4
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def make_optimizer(model, name="adagrad", lr=1e-2, weight_decay=0.0):
    params = [p for p in model.parameters() if p.requires_grad]
    if name == "adagrad":
        # dual-averaging style optimizer: accumulators are allocated at construction
        return torch.optim.Adagrad(params, lr=lr, weight_decay=weight_decay, initial_accumulator_value=0.1)
    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)


def train_one_epoch(model, optimizer, loader, loss_fn, device):
    model.train()
    running = 0.0
    for batch in loader:
        x_cat = batch["cat"].to(device)
        x_cont = batch["cont"].to(device)
        y = batch["target"].to(device)
        loss = loss_fn(model(x_cat, x_cont), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running += loss.item() * y.size(0)
    return running / len(loader.dataset)


@torch.no_grad()
def evaluate(model, loader, loss_fn, device):
    model.eval()
    total = 0.0
    for batch in loader:
        pred = model(batch["cat"].to(device), batch["cont"].to(device))
        total += loss_fn(pred, batch["target"].to(device)).item() * pred.size(0)
    return total / len(loader.dataset)
