# source: https://github.com/SeanNaren/deepspeech.pytorch/issues/195
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, top-level
# bug-lines: 40, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SpeechAcousticModel

parser = argparse.ArgumentParser(description="acoustic model training")
parser.add_argument("--cuda", action="store_true")
parser.add_argument("--lr", type=float, default=3e-4)
parser.add_argument("--momentum", type=float, default=0.9)
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--continue-from", default="", help="checkpoint package to resume from")
parser.add_argument("--finetune", action="store_true", help="reset optimizer and epoch when resuming")
parser.add_argument("--save", default="models/acoustic_final.pth")


def make_loader(n=64, frames=200, n_mels=80):
    feats = torch.randn(n, n_mels, frames)
    targets = torch.randint(1, 28, (n, 30))
    return DataLoader(TensorDataset(feats, targets), batch_size=8, shuffle=True)


if __name__ == "__main__":
    args = parser.parse_args()
    start_epoch = 0
    if args.continue_from:
        print("Loading checkpoint model %s" % args.continue_from)
        package = torch.load(args.continue_from, map_location=lambda storage, loc: storage)
        model = SpeechAcousticModel.load_model_package(package)
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, nesterov=True)
        if not args.finetune:
            optimizer.load_state_dict(package["optim_dict"])
            start_epoch = package.get("epoch", 0)
    else:
        model = SpeechAcousticModel()
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, nesterov=True)

    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    loader = make_loader()
    device = torch.device("cuda" if args.cuda else "cpu")
    if args.cuda:
        model = torch.nn.DataParallel(model).cuda()

    for epoch in range(start_epoch, args.epochs):
        model.train()
        for feats, targets in loader:
            feats, targets = feats.to(device), targets.to(device)
            log_probs = model(feats).transpose(0, 1)
            in_lens = torch.full((feats.size(0),), log_probs.size(0), dtype=torch.long)
            tgt_lens = torch.full((feats.size(0),), targets.size(1), dtype=torch.long)
            loss = ctc(log_probs, targets, in_lens, tgt_lens)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("epoch %d loss %.3f" % (epoch + 1, loss.item()))
        torch.save(SpeechAcousticModel.serialize(model, optimizer, epoch, loss.item()), args.save)
