# source: https://github.com/wjmaddox/swa_gaussian/pull/12
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper, loader-loop
# bug-lines: 21, 22, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


def cross_entropy(model, input, target):
    output = model(input)
    return F.cross_entropy(output, target), output


def train_epoch(loader, model, criterion, optimizer):
    loss_sum, correct, seen = 0.0, 0.0, 0
    model.train()
    for input, target in loader:
        input = input.cuda(non_blocking=True)
        target = target.cuda(non_blocking=True)
        loss, output = criterion(model, input, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * input.size(0)
        correct += output.argmax(1).eq(target).sum().item()
        seen += input.size(0)
    return {"loss": loss_sum / seen, "accuracy": 100.0 * correct / seen}


def moving_average(swa_model, model, alpha):
    for p_swa, p in zip(swa_model.parameters(), model.parameters()):
        p_swa.data.mul_(1.0 - alpha).add_(p.data, alpha=alpha)


def bn_update(loader, model):
    """Recompute BatchNorm running stats for the averaged weights."""
    bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return
    momenta = {bn: bn.momentum for bn in bns}
    for bn in bns:
        bn.reset_running_stats()
    model.train()
    n = 0
    with torch.no_grad():
        for input, _ in loader:
            input = input.cuda(non_blocking=True)
            b = input.size(0)
            for bn in bns:
                bn.momentum = b / (n + b)
            model(input)
            n += b
    for bn, momentum in momenta.items():
        bn.momentum = momentum
