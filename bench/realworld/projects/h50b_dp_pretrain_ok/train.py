# source: https://github.com/pytorch/pytorch/issues/101402
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: loader-loop, multi-file
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from data import make_loader
from model import MiniGPT


def main(max_steps=5000):
    n_gpu = torch.cuda.device_count()
    model = MiniGPT()
    model = nn.DataParallel(model, device_ids=list(range(n_gpu)))
    model = model.cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
    loader = make_loader("data/train.bin", batch_size=32 * n_gpu)
    for step, (x, y) in enumerate(loader):
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        loss = model(x, y).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 200 == 0:
            print(f"step {step} loss {loss.item():.4f}")
        if step == max_steps:
            break
    torch.save(model.module.state_dict(), "minigpt.pt")


if __name__ == "__main__":
    main()
