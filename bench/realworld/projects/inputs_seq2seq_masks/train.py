# source: https://github.com/SamLynnEvans/Transformer/issues/30 https://github.com/SamLynnEvans/Transformer/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 21, 22, 25
# cpu: clean
# needs: torch, numpy
import argparse
import random

import torch
import torch.nn.functional as F
from batch import MyIterator, create_masks
from models import get_model


def train_model(model, opt):
    model.train()
    for epoch in range(opt.epochs):
        for i, batch in enumerate(opt.train):
            src = batch["src"].transpose(0, 1)
            trg = batch["trg"].transpose(0, 1)
            trg_input = trg[:, :-1]
            src_mask, trg_mask = create_masks(src, trg_input, opt)
            preds = model(src, trg_input, src_mask, trg_mask)
            ys = trg[:, 1:].contiguous().view(-1)
            opt.optimizer.zero_grad()
            loss = F.cross_entropy(preds.view(-1, preds.size(-1)), ys, ignore_index=opt.trg_pad)
            loss.backward()
            opt.optimizer.step()
        print(f"epoch {epoch + 1} loss = {loss.item():.3f}")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("-no_cuda", action="store_true")
    parser.add_argument("-epochs", type=int, default=2)
    parser.add_argument("-d_model", type=int, default=32)
    parser.add_argument("-n_layers", type=int, default=1)
    parser.add_argument("-heads", type=int, default=4)
    parser.add_argument("-dropout", type=float, default=0.1)
    parser.add_argument("-batchsize", type=int, default=8)
    parser.add_argument("-lr", type=float, default=0.0001)
    opt = parser.parse_args(argv)

    opt.device = 0 if (not opt.no_cuda and torch.cuda.is_available()) else -1
    opt.src_pad, opt.trg_pad = 0, 0
    rng = random.Random(0)
    pairs = [([rng.randrange(1, 40) for _ in range(rng.randrange(3, 9))],
              [1] + [rng.randrange(3, 40) for _ in range(rng.randrange(3, 9))] + [2]) for _ in range(32)]
    opt.train = MyIterator(pairs, opt.batchsize, pad=0)
    model = get_model(opt, 40, 40)
    opt.optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr, betas=(0.9, 0.98), eps=1e-9)
    train_model(model, opt)


if __name__ == "__main__":
    main()
