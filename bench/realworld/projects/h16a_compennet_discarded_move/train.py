# source: https://github.com/BingyaoHuang/CompenNet/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, loader-loop
# bug-lines: 29, 30, 31
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from data import make_loader
from model import CompensationNet


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CompensationNet()
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-4)
    loader = make_loader(args.data_root, args.batch_size)

    step = 0
    for epoch in range(args.epochs):
        model.train()
        for cam_batch, prj_batch, surf_batch in loader:
            # move the batch next to the weights
            cam_batch.to(device)
            prj_batch.to(device)
            surf_batch.to(device)

            pred_prj = model(cam_batch, surf_batch)
            loss = F.l1_loss(pred_prj, prj_batch) + F.mse_loss(pred_prj, prj_batch)

            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")

    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data_root", default="data/setup_01")
    p.add_argument("--batch_size", type=int, default=16)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--out", default="compennet.pth")
    train(p.parse_args())
