# source: https://github.com/pytorch/tutorials/blob/main/recipes_source/recipes/amp_recipe.py
# what: the automatic mixed precision recipe: float16 autocast around forward and loss,
#   torch.amp.GradScaler("cuda"), unscale_ before gradient clipping, scaler.step and
#   update, zero_grad(set_to_none=True), and a checkpoint holding the scaler's state,
#   loaded back with map_location into the placed model.
# shrunk: 3 layers of width 64, 4 batches.
import os
import tempfile

import torch

device = "cuda" if torch.cuda.is_available() else "cpu"
batch_size, in_size, out_size, num_layers, num_batches, epochs = 16, 64, 64, 3, 4, 2
torch.set_default_device(device)
data = [torch.randn(batch_size, in_size) for _ in range(num_batches)]
targets = [torch.randn(batch_size, out_size) for _ in range(num_batches)]
loss_fn = torch.nn.MSELoss().cuda()


def make_model(in_size, out_size, num_layers):
    layers = []
    for _ in range(num_layers - 1):
        layers.append(torch.nn.Linear(in_size, in_size))
        layers.append(torch.nn.ReLU())
    layers.append(torch.nn.Linear(in_size, out_size))
    return torch.nn.Sequential(*tuple(layers)).cuda()


use_amp = True
net = make_model(in_size, out_size, num_layers)
opt = torch.optim.SGD(net.parameters(), lr=0.001)
scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
for epoch in range(epochs):
    for input, target in zip(data, targets):
        with torch.autocast(device_type=device, dtype=torch.float16, enabled=use_amp):
            output = net(input)
            assert output.dtype is torch.float16
            loss = loss_fn(output, target)
            assert loss.dtype is torch.float32
        scaler.scale(loss).backward()
        scaler.unscale_(opt)
        torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.1)
        scaler.step(opt)
        scaler.update()
        opt.zero_grad(set_to_none=True)
    print(f"epoch {epoch}: loss {loss.item():.4f}")

path = os.path.join(tempfile.gettempdir(), "amp_checkpoint.pt")
torch.save(
    {"model": net.state_dict(), "optimizer": opt.state_dict(), "scaler": scaler.state_dict()}, path
)
dev = torch.cuda.current_device()
checkpoint = torch.load(path, map_location=lambda storage, loc: storage.cuda(dev))
net.load_state_dict(checkpoint["model"])
opt.load_state_dict(checkpoint["optimizer"])
scaler.load_state_dict(checkpoint["scaler"])
torch.set_default_device("cpu")
