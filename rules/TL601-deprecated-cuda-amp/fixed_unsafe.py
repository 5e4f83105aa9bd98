import torch
from torch.cuda.amp import GradScaler, autocast


def train(model, loader, optimizer):
    scaler = torch.amp.GradScaler("cuda")  # expect: TL601:14
    for x, y in loader:
        with torch.amp.autocast("cuda", dtype=torch.float16):  # expect: TL601:14
            loss = model(x, y)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()


def evaluate(model, x):
    with torch.amp.autocast("cuda", enabled=True, dtype=torch.bfloat16):  # expect: TL601:10
        return model(x)


def make_scaler():
    return torch.amp.GradScaler("cuda", init_scale=1024)  # expect: TL601:12


def make_scaler_unguarded(enabled):
    # A version test elsewhere does not cover this call (detectron2's train_loop).
    if enabled:
        from torch.cuda.amp import GradScaler as CudaScaler

        return torch.amp.GradScaler("cuda")  # expect: TL601:16
    return None
