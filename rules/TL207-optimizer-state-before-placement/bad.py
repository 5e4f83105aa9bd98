import torch
import torch.nn as nn


def build_model():
    return nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))


def resume(path, loader, device):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    # The state is loaded while the parameters are on the CPU, so it is put there;
    # the move below takes the parameters, never the state.
    optimizer.load_state_dict(ckpt["optimizer"])
    model = model.to(device)  # expect: TL207:13 lines=16,21
    for x, y in loader:
        loss = nn.functional.mse_loss(model(x.to(device)), y.to(device))
        loss.backward()
        optimizer.step()


def adagrad(loader):
    model = build_model()
    # Adagrad makes its state when it is built, where the parameters are then.
    optimizer = torch.optim.Adagrad(model.parameters(), lr=0.05)
    model.cuda()  # expect: TL207:5 lines=27,31
    for x, y in loader:
        nn.functional.mse_loss(model(x.cuda()), y.cuda()).backward()
        optimizer.step()


def load_checkpoint(path, model, optimizer):
    ckpt = torch.load(path, map_location="cpu")
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["epoch"] + 1


def train(args, loader):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    start = 0
    if args.resume:
        start = load_checkpoint(args.resume, model, optimizer)
    # Resuming put the state on the CPU (in load_checkpoint, line 37).
    model.to(device)  # expect: TL207:5 lines=37,47,54
    for _epoch in range(start, args.epochs):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()


def resume_amp(args, loader, device):
    model = build_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    scaler = torch.amp.GradScaler("cuda")
    if args.resume:
        ckpt = torch.load(args.resume, map_location="cpu")
        optimizer.load_state_dict(ckpt["optimizer"])
        scheduler.load_state_dict(ckpt["scheduler"])
    model.cuda()  # expect: TL207:5 lines=64,71
    for x, y in loader:
        with torch.autocast("cuda", dtype=torch.float16):
            loss = nn.functional.mse_loss(model(x.cuda()), y.cuda())
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
