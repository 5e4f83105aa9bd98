# source: https://github.com/facebookresearch/ParlAI/issues/4237
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, helper
# bug-lines: 50, 51
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Train (or resume training of) an FT-Transformer churn classifier."""
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, TensorDataset

from checkpoint_io import restore_state, save_state
from ft_transformer import FTTransformer


def load_split(path):
    arrays = np.load(path)
    return TensorDataset(
        torch.from_numpy(arrays["x_num"].astype(np.float32)),
        torch.from_numpy(arrays["x_cat"].astype(np.int64)),
        torch.from_numpy(arrays["y"].astype(np.int64)),
    )


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    probs, labels = [], []
    for x_num, x_cat, y in loader:
        logits = model(x_num.to(device), x_cat.to(device))
        probs.append(logits.softmax(-1)[:, 1].cpu())
        labels.append(y)
    return roc_auc_score(torch.cat(labels).numpy(), torch.cat(probs).numpy())


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds, val_ds = load_split(args.train), load_split(args.val)
    cardinalities = [int(c) for c in np.load(args.train)["cat_cardinalities"]]
    model = FTTransformer(train_ds.tensors[0].shape[1], cardinalities)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-5)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    start_epoch, best_auc = 0, 0.0
    if args.resume:
        start_epoch, best_auc = restore_state(args.resume, model, optimizer, scheduler)
    model.to(device)

    train_loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=True, drop_last=True)
    val_loader = DataLoader(val_ds, batch_size=4096)
    for epoch in range(start_epoch, args.epochs):
        model.train()
        for x_num, x_cat, y in train_loader:
            x_num, x_cat, y = x_num.to(device), x_cat.to(device), y.to(device)
            loss = F.cross_entropy(model(x_num, x_cat), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        scheduler.step()
        auc = evaluate(model, val_loader, device)
        best_auc = max(best_auc, auc)
        save_state(args.ckpt, model, optimizer, scheduler, epoch, best_auc)
        print(f"epoch {epoch} val_auc={auc:.4f} best={best_auc:.4f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--train", default="data/churn_train.npz")
    p.add_argument("--val", default="data/churn_val.npz")
    p.add_argument("--ckpt", default="runs/ft_churn/last.pt")
    p.add_argument("--resume", default=None)
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch_size", type=int, default=512)
    p.add_argument("--lr", type=float, default=1e-4)
    main(p.parse_args())
