import torch
import torch.nn as nn


def build_model():
    return nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))


def move_first(path, loader, device):
    # Placed before the optimizer loads its state: the state follows the parameters.
    model = build_model().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    optimizer.load_state_dict(torch.load(path, map_location="cpu")["optimizer"])
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()


def adam_then_move(loader, device):
    # Adam makes its state at the first step, where the parameters are by then.
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()


def state_moved_after(path, loader, device):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    model.to(device)
    # The state is moved by hand after the model: fine.
    for state in optimizer.state.values():
        for key, value in state.items():
            if torch.is_tensor(value):
                state[key] = value.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()


def sgd_without_momentum(path, loader, device):
    # Plain SGD keeps no state: nothing is left behind on the CPU.
    model = build_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()


def reload_after_move(path, loader, device):
    model = build_model()
    optimizer = torch.optim.Adagrad(model.parameters(), lr=0.05)
    model.to(device)
    # Loading the state again after the move puts it on the parameters' device.
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()


def prepared(accelerator, path, loader):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    # accelerate moves the optimizer's state with the model.
    model, optimizer = accelerator.prepare(model, optimizer)
    for x, y in loader:
        accelerator.backward(nn.functional.mse_loss(model(x), y))
        optimizer.step()


def evaluate_only(path, loader, device):
    # The optimizer is never stepped after the move: no crash.
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    model.to(device)
    with torch.no_grad():
        return [model(x.to(device)) for x, _ in loader]


def stays_on_cpu(path, loader):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    optimizer.load_state_dict(torch.load(path)["optimizer"])
    model.to("cpu")
    for x, y in loader:
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
