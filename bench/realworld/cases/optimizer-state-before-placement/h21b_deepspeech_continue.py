# source: https://github.com/SeanNaren/deepspeech.pytorch/pull/333
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #4 'other'
# pattern: optimizer-state-before-placement
# shape: helper, batch-dict, loader-loop
# bug-lines: 40, 70
# needs: torch
# cpu: no written where torch was not installed; not run
"""Acoustic model training with --continue_from support (resume epoch, iteration and optimizer)."""
import argparse

import torch
import torch.nn as nn


class DeepSpeechLite(nn.Module):
    def __init__(self, n_feats=161, hidden=256, n_labels=29):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv1d(n_feats, hidden, 11, stride=2, padding=5), nn.Hardtanh(0, 20))
        self.rnn = nn.GRU(hidden, hidden, num_layers=2, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hidden, n_labels)

    def forward(self, spect):                              # (B, F, T)
        x = self.conv(spect).transpose(1, 2)
        x, _ = self.rnn(x)
        return self.fc(x).log_softmax(-1)

    @staticmethod
    def serialize(model, optimizer, epoch, iteration, avg_loss):
        return {"state_dict": model.state_dict(), "optim_dict": optimizer.state_dict(),
                "epoch": epoch, "iteration": iteration, "avg_loss": avg_loss}


def load_for_continue(path, lr, momentum, finetune=False):
    package = torch.load(path, map_location=lambda storage, loc: storage)
    model = DeepSpeechLite()
    model.load_state_dict(package["state_dict"])
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, nesterov=True)
    state = {"start_epoch": 0, "start_iter": 0, "avg_loss": 0.0}
    if not finetune:  # don't restart training: keep momentum buffers and counters
        optimizer.load_state_dict(package["optim_dict"])
        state["start_epoch"] = int(package.get("epoch", 1)) - 1
        state["start_iter"] = package.get("iteration", 0) + 1
        state["avg_loss"] = float(package.get("avg_loss", 0))
    return model, optimizer, state


def fake_loader(n_batches=20):
    for _ in range(n_batches):
        yield {"inputs": torch.randn(4, 161, 200), "targets": torch.randint(1, 29, (4, 30)),
               "input_sizes": torch.full((4,), 100, dtype=torch.long),
               "target_sizes": torch.full((4,), 30, dtype=torch.long)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--continue_from", default="")
    parser.add_argument("--finetune", action="store_true")
    parser.add_argument("--cuda", action="store_true")
    parser.add_argument("--lr", type=float, default=3e-4)
    args = parser.parse_args()

    if args.continue_from:
        model, optimizer, state = load_for_continue(args.continue_from, args.lr, 0.9, args.finetune)
    else:
        model = DeepSpeechLite()
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, nesterov=True)
        state = {"start_epoch": 0, "start_iter": 0, "avg_loss": 0.0}
    criterion = nn.CTCLoss(blank=0, zero_infinity=True)
    device = torch.device("cuda" if args.cuda else "cpu")
    model = model.to(device)

    for epoch in range(state["start_epoch"], 10):
        for i, batch in enumerate(fake_loader()):
            batch = {k: v.to(device) for k, v in batch.items()}
            out = model(batch["inputs"]).transpose(0, 1)      # (T, B, C)
            loss = criterion(out, batch["targets"], batch["input_sizes"], batch["target_sizes"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        torch.save(DeepSpeechLite.serialize(model, optimizer, epoch + 1, i, loss.item()), "models/deepspeech.pth")
