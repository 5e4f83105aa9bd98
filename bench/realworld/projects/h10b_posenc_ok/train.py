# source: https://github.com/wenet-e2e/wenet/pull/2413 https://github.com/espnet/espnet/pull/1060
# error: none: the fixed version registers the embedding as a non-persistent buffer
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

from encoder import TransformerCTC


class FbankDataset(Dataset):
    def __init__(self, manifest):
        self.items = torch.load(manifest)  # list of {"feat": (T, 80) tensor, "tokens": list[int]}

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate(samples):
    feats = [s["feat"] for s in samples]
    labels = [torch.tensor(s["tokens"], dtype=torch.long) for s in samples]
    return {
        "feats": pad_sequence(feats, batch_first=True),
        "feat_lens": torch.tensor([f.size(0) for f in feats]),
        "labels": pad_sequence(labels, batch_first=True),
        "label_lens": torch.tensor([len(t) for t in labels]),
    }


def train(manifest, epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TransformerCTC().to(device)
    ctc = nn.CTCLoss(blank=0, reduction="mean", zero_infinity=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-6)
    loader = DataLoader(FbankDataset(manifest), batch_size=16, shuffle=True, collate_fn=collate)
    for epoch in range(epochs):
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            log_probs, out_lens = model(batch["feats"], batch["feat_lens"])
            loss = ctc(log_probs.transpose(0, 1), batch["labels"], out_lens, batch["label_lens"])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} ctc {loss.item():.3f}")
        torch.save(model.state_dict(), f"exp/epoch_{epoch}.pt")


if __name__ == "__main__":
    train("data/train_fbank.pt")
