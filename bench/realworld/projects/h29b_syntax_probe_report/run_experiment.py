# source: https://github.com/john-hewitt/structural-probes/issues/4
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a two-word distance probe, then report on the dev split."""
import torch
import torch.nn as nn

from data import get_loader
from reporter import DistanceReporter

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TwoWordProbe(nn.Module):
    def __init__(self, dim=64, rank=32):
        super().__init__()
        self.proj = nn.Parameter(torch.randn(dim, rank) * 0.05)

    def forward(self, embs):
        t = embs @ self.proj
        diff = t.unsqueeze(2) - t.unsqueeze(1)
        return (diff ** 2).sum(-1)


def predict(probe, loader):
    probe.eval()
    out = []
    with torch.no_grad():
        for batch in loader:
            out.append(probe(batch["embeddings"]).detach().cpu().numpy())
    return out


if __name__ == "__main__":
    sents = [["The", "cat", "sat", "down"], ["Dogs", "bark"], ["I", "saw", "it", "there", "."]] * 4
    train_loader = get_loader(sents, device)
    dev_loader = get_loader(sents[:6], device)
    probe = TwoWordProbe().to(device)
    opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
    for batch in train_loader:
        mask = batch["labels"] >= 0
        loss = (probe(batch["embeddings"]) - batch["labels"]).abs()[mask].mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    reporter = DistanceReporter("results/dev")
    preds = predict(probe, dev_loader)
    reporter.report_spearmanr(preds, dev_loader, "dev")
    reporter.report_image_examples(preds, dev_loader, "dev")
