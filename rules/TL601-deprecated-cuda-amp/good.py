import torch


def train(model, x):
    scaler = torch.amp.GradScaler("cuda")
    with torch.amp.autocast("cuda", dtype=torch.float16):
        loss = model(x)
    with torch.autocast(device_type="cuda"):
        loss = loss + model(x)
    scaler.scale(loss).backward()
