# source: https://github.com/NVIDIA-NeMo/Speech/issues/8436
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from tiny_rnnt import TinyRNNT


class FeatureSet(Dataset):
    def __init__(self, feats):
        self.feats = feats

    def __len__(self):
        return len(self.feats)

    def __getitem__(self, i):
        return {"feats": self.feats[i], "len": self.feats[i].size(0)}


def collate(batch):
    feats = torch.nn.utils.rnn.pad_sequence([b["feats"] for b in batch], batch_first=True)
    return {"feats": feats, "lens": torch.tensor([b["len"] for b in batch])}


def pick_device():
    if torch.cuda.device_count() > 1:
        return torch.device("cuda:1")  # cuda:0 is busy with the training job
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


if __name__ == "__main__":
    # checkpoint restored onto cuda:0 first (as the hub loader does), then moved to the serving GPU
    model = TinyRNNT()
    first = torch.device("cuda:0") if torch.cuda.is_available() else torch.device("cpu")
    model.load_state_dict(torch.load("tiny_rnnt.pt", map_location=first))
    model = model.to(first)
    device = pick_device()
    model = model.to(device).eval()
    utterances = [torch.randn(int(n), 80) for n in torch.randint(200, 600, (10,))]
    loader = DataLoader(FeatureSet(utterances), batch_size=4, collate_fn=collate)
    for batch in loader:
        hyps = model.transcribe(batch["feats"].to(device), batch["lens"].to(device))
        print([len(h) for h in hyps])
