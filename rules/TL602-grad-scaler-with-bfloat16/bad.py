import torch


def train(model, loader, optimizer):
    scaler = torch.amp.GradScaler("cuda")  # expect: TL602:14 lines=7
    for x in loader:
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(x)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
